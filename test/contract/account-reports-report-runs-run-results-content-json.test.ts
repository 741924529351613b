// Contract: openapi/paths/{account}_reports_{report}_runs_{run}_results_content.json.yaml
// (getReportRunResultsJson).
import { ids } from "./contract-target.js";
import { describeResultContent } from "./result-content-suite.js";

describeResultContent({
  operationId: "getReportRunResultsJson",
  path: "/{account}/reports/{report}/runs/{run}/results/content.json",
  pathParams: { account: ids.account, report: ids.dataset, run: "c81d5f2a9e63" },
  otherPathParams: { account: ids.account, report: ids.report, run: "a1f3c5e7d902" },
  format: "json",
});
