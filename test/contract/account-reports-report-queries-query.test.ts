// Contract: openapi/paths/{account}_reports_{report}_queries_{query}.yaml (getQuery).
import { describe, it } from "vitest";
import { expectConforming } from "./contract-expectations.js";
import { contractClient, ids } from "./contract-target.js";
import { documentedAnswersSuite } from "./documented-answers-suite.js";

const path = "/{account}/reports/{report}/queries/{query}";
const query = process.env["MODE_CONTRACT_QUERY"] || "9a2c4e6f8b10";
const params = { path: { account: ids.account, report: ids.report, query } };
const op = { path, method: "get", status: 200 } as const;

describe("getQuery", () => {
  it("answers 200 with a Query that matches its schema", async () => {
    const { client } = contractClient();
    await expectConforming(await client.GET(path, { params }), op);
  });

  it("accepts every parameter it documents (its three path parameters, a Dataset's query) without a violation", async () => {
    const { client } = contractClient();
    await expectConforming(
      await client.GET(path, {
        params: { path: { account: ids.account, report: ids.dataset, query: "7d3e9b1f5c28" } },
      }),
      op,
    );
  });
});

documentedAnswersSuite("getQuery", { path, method: "get" }, (client, headers) =>
  client.GET(path, { params, headers }),
);
