// Contract: openapi/paths/{account}_reports_{report}_runs_{run}_query_runs.yaml (listQueryRuns).
import { describe, expect, it } from "vitest";
import { expectConforming } from "./contract-expectations.js";
import { contractClient, ids } from "./contract-target.js";
import { documentedAnswersSuite } from "./documented-answers-suite.js";

const path = "/{account}/reports/{report}/runs/{run}/query_runs";
const run = process.env["MODE_CONTRACT_REPORT_RUN"] || "a1f3c5e7d902";
const params = { path: { account: ids.account, report: ids.report, run } };
const op = { path, method: "get", status: 200 } as const;

describe("listQueryRuns", () => {
  it("answers 200 with a QueryRunCollection that matches its schema", async () => {
    const { client } = contractClient();
    const result = await client.GET(path, { params });
    await expectConforming(result, op);
    expect(Array.isArray(result.data?._embedded.query_runs)).toBe(true);
  });

  it("accepts every parameter it documents (its path parameters, a Dataset's failed run) without a violation", async () => {
    const { client } = contractClient();
    await expectConforming(
      await client.GET(path, {
        params: { path: { account: ids.account, report: ids.dataset, run: "3b70c9e2d418" } },
      }),
      op,
    );
  });
});

documentedAnswersSuite("listQueryRuns", { path, method: "get" }, (client, headers) =>
  client.GET(path, { params, headers }),
);
