// Contract: openapi/paths/verify.yaml (verifyCredentials).
import { describe, it } from "vitest";
import {
  errorOf,
  expectConforming,
  expectDocumentedAnswer,
  expectRejected,
  preferAnswer,
} from "./contract-expectations.js";
import { againstPrism, contractClient } from "./contract-target.js";
import { documentedAnswerCases } from "./validate-response.js";

const path = "/verify";
const op = { path, method: "get", status: 200 } as const;

describe("verifyCredentials", () => {
  it("answers 200 with a Verification that matches its schema", async () => {
    const { client } = contractClient();
    await expectConforming(await client.GET(path), op);
  });

  it("accepts every parameter it documents (none: the path has no account) without a violation", async () => {
    const { client } = contractClient();
    await expectConforming(await client.GET(path, {}), op);
  });

  it("answers 401 without credentials (transport strips them)", async () => {
    const contract = contractClient({
      fetch: (request) => {
        const bare = new Request(request);
        bare.headers.delete("authorization");
        return globalThis.fetch(bare);
      },
    });
    await expectRejected(
      contract,
      async () => {
        throw errorOf(await contract.client.GET(path), { path, method: "get" });
      },
      { status: 401, kind: "unauthorized", violations: [{ location: "request", code: "401" }] },
    );
  });
});

describe.runIf(againstPrism)("every documented answer of verifyCredentials", () => {
  it.each(documentedAnswerCases(path, "get"))(
    "serves %s without a violation",
    async (_label, answer) => {
      const { client } = contractClient();
      const result = await client.GET(path, { headers: preferAnswer(answer) });
      await expectDocumentedAnswer(result, { path, method: "get" }, answer);
    },
  );
});
