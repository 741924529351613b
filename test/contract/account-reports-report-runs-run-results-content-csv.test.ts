// Contract: openapi/paths/{account}_reports_{report}_runs_{run}_results_content.csv.yaml
// (getReportRunResultsCsv).
import { describe, expect, it } from "vitest";
import { contractClient, ids } from "./contract-target.js";
import { expectRowsConform } from "./rows-through-throwing-layer.js";
import { describeResultContent } from "./result-content-suite.js";

describeResultContent({
  operationId: "getReportRunResultsCsv",
  path: "/{account}/reports/{report}/runs/{run}/results/content.csv",
  pathParams: { account: ids.account, report: ids.dataset, run: "c81d5f2a9e63" },
  otherPathParams: { account: ids.account, report: ids.report, run: "a1f3c5e7d902" },
  format: "csv",
});

describe("CSV rows through the throwing layer", () => {
  it("reads a Dataset's latest rows as they arrive, from an answer that conforms", async () => {
    const rows = await expectRowsConform(
      contractClient(),
      (mode) =>
        mode.datasets.results({ account: ids.account, dataset: ids.dataset, format: "csv" }),
      { path: "/{account}/reports/{report}/runs/{run}/results/content.csv", mediaType: "text/csv" },
    );
    expect(rows.length).toBeGreaterThan(0);
  });
});
