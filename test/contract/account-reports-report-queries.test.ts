// Contract: openapi/paths/{account}_reports_{report}_queries.yaml (listQueriesForReport).
import { describe, expect, it } from "vitest";
import { expectConforming } from "./contract-expectations.js";
import { contractClient, ids } from "./contract-target.js";
import { documentedAnswersSuite } from "./documented-answers-suite.js";

const path = "/{account}/reports/{report}/queries";
const params = { path: { account: ids.account, report: ids.report } };
const op = { path, method: "get", status: 200 } as const;

describe("listQueriesForReport", () => {
  it("answers 200 with a QueryCollection that matches its schema", async () => {
    const { client } = contractClient();
    const result = await client.GET(path, { params });
    await expectConforming(result, op);
    expect(Array.isArray(result.data?._embedded.queries)).toBe(true);
  });

  it("accepts every parameter it documents (its path parameters, a Dataset's token as the report) without a violation", async () => {
    const { client } = contractClient();
    await expectConforming(
      await client.GET(path, { params: { path: { account: ids.account, report: ids.dataset } } }),
      op,
    );
  });
});

documentedAnswersSuite("listQueriesForReport", { path, method: "get" }, (client, headers) =>
  client.GET(path, { params, headers }),
);
