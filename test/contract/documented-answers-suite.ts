// On our own mock, every answer an operation documents (each status and named example, asked
// for with Prism's Prefer header) must arrive without a violation, validate on our side, and map
// to its error kind. Defined once; each contract file says only how to call its operation.
import { describe, it } from "vitest";
import { expectDocumentedAnswer, preferAnswer } from "./contract-expectations.js";
import { againstPrism, type ContractClient, contractClient } from "./contract-target.js";
import { documentedAnswerCases } from "./validate-response.js";

type CallResult = { data?: unknown; error?: unknown; response: Response };

export function documentedAnswersSuite(
  operationId: string,
  operation: { path: string; method: string },
  call: (
    client: ContractClient["client"],
    headers: Record<string, string>,
    contract: ContractClient,
  ) => Promise<CallResult>,
): void {
  describe.runIf(againstPrism)(`every documented answer of ${operationId}`, () => {
    it.each(documentedAnswerCases(operation.path, operation.method))(
      "serves %s without a violation",
      async (_label, answer) => {
        const contract = contractClient();
        const result = await call(contract.client, preferAnswer(answer), contract);
        await expectDocumentedAnswer(result, operation, answer);
      },
    );
  });
}
