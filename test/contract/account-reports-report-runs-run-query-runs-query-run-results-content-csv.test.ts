// Contract: openapi/paths/{account}_reports_{report}_runs_{run}_query_runs_{query_run}_results_content.csv.yaml
// (getQueryRunResultsCsv).
import { describe, expect, it } from "vitest";
import { contractClient, ids } from "./contract-target.js";
import { expectRowsConform } from "./rows-through-throwing-layer.js";
import { describeResultContent } from "./result-content-suite.js";

describeResultContent({
  operationId: "getQueryRunResultsCsv",
  path: "/{account}/reports/{report}/runs/{run}/query_runs/{query_run}/results/content.csv",
  pathParams: {
    account: ids.account,
    report: ids.report,
    run: "a1f3c5e7d902",
    query_run: "f1e2d3c4b5a6",
  },
  otherPathParams: {
    account: ids.account,
    report: ids.report,
    run: "a1f3c5e7d902",
    query_run: "a6b5c4d3e2f1",
  },
  format: "csv",
});

describe("CSV rows through the throwing layer", () => {
  it("reads a query run's rows as they arrive, from an answer that conforms", async () => {
    const rows = await expectRowsConform(
      contractClient(),
      (mode) =>
        mode.reports.queryRunResults({
          account: ids.account,
          report: ids.report,
          run: "a1f3c5e7d902",
          query_run: "f1e2d3c4b5a6",
          format: "csv",
        }),
      {
        path: "/{account}/reports/{report}/runs/{run}/query_runs/{query_run}/results/content.csv",
        mediaType: "text/csv",
      },
    );
    expect(rows.length).toBeGreaterThan(0);
  });
});
