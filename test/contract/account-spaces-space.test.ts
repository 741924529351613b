// Contract: openapi/paths/{account}_spaces_{space}.yaml (getSpace).
import { describe, it } from "vitest";
import { expectConforming, expectDocumentedAnswer, preferAnswer } from "./contract-expectations.js";
import { againstPrism, contractClient, ids } from "./contract-target.js";
import { documentedAnswerCases } from "./validate-response.js";

const path = "/{account}/spaces/{space}";
const params = { path: { account: ids.account, space: ids.space } };
const op = { path, method: "get", status: 200 } as const;

describe("getSpace", () => {
  it("answers 200 with a Space that matches its schema", async () => {
    const { client } = contractClient();
    await expectConforming(await client.GET(path, { params }), op);
  });

  it("accepts every parameter it documents (its path parameters, another Collection) without a violation", async () => {
    const { client } = contractClient();
    await expectConforming(
      await client.GET(path, { params: { path: { account: ids.account, space: "c07d5e2a8b31" } } }),
      op,
    );
  });
});

describe.runIf(againstPrism)("every documented answer of getSpace", () => {
  it.each(documentedAnswerCases(path, "get"))(
    "serves %s without a violation",
    async (_label, answer) => {
      const { client } = contractClient();
      const result = await client.GET(path, { params, headers: preferAnswer(answer) });
      await expectDocumentedAnswer(result, { path, method: "get" }, answer);
    },
  );
});
