// Contract: openapi/paths/{account}_reports_{report}_runs_{run}_query_runs_{query_run}.yaml
// (getQueryRun).
import { describe, it } from "vitest";
import { expectConforming } from "./contract-expectations.js";
import { contractClient, ids } from "./contract-target.js";
import { documentedAnswersSuite } from "./documented-answers-suite.js";

const path = "/{account}/reports/{report}/runs/{run}/query_runs/{query_run}";
const run = process.env["MODE_CONTRACT_REPORT_RUN"] || "a1f3c5e7d902";
const queryRun = process.env["MODE_CONTRACT_QUERY_RUN"] || "f1e2d3c4b5a6";
const params = { path: { account: ids.account, report: ids.report, run, query_run: queryRun } };
const op = { path, method: "get", status: 200 } as const;

describe("getQueryRun", () => {
  it("answers 200 with a QueryRun that matches its schema", async () => {
    const { client } = contractClient();
    await expectConforming(await client.GET(path, { params }), op);
  });

  it("accepts every parameter it documents (its four path parameters, a Dataset's failed query run) without a violation", async () => {
    const { client } = contractClient();
    const failed = {
      path: {
        account: ids.account,
        report: ids.dataset,
        run: "3b70c9e2d418",
        query_run: "5c0a8e2f7d19",
      },
    };
    await expectConforming(await client.GET(path, { params: failed }), op);
  });
});

documentedAnswersSuite("getQueryRun", { path, method: "get" }, (client, headers) =>
  client.GET(path, { params, headers }),
);
