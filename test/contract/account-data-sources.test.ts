// Contract: openapi/paths/{account}_data_sources.yaml (listDataSources).
import { describe, it } from "vitest";
import { expectConforming, expectDocumentedAnswer, preferAnswer } from "./contract-expectations.js";
import { againstPrism, contractClient, ids } from "./contract-target.js";
import { documentedAnswerCases } from "./validate-response.js";

const path = "/{account}/data_sources";
const params = { path: { account: ids.account } };
const op = { path, method: "get", status: 200 } as const;

describe("listDataSources", () => {
  it("answers 200 with a DataSourceCollection that matches its schema", async () => {
    const { client } = contractClient();
    await expectConforming(await client.GET(path, { params }), op);
  });

  it("accepts every parameter it documents (only its account: it takes no query) without a violation", async () => {
    const { client } = contractClient();
    await expectConforming(
      await client.GET(path, { params: { path: { account: ids.account } } }),
      op,
    );
  });
});

describe.runIf(againstPrism)("every documented answer of listDataSources", () => {
  it.each(documentedAnswerCases(path, "get"))(
    "serves %s without a violation",
    async (_label, answer) => {
      const { client } = contractClient();
      const result = await client.GET(path, { params, headers: preferAnswer(answer) });
      await expectDocumentedAnswer(result, { path, method: "get" }, answer);
    },
  );
});
