// Contract: openapi/paths/{account}_reports_{report}_runs_{run}_query_runs_{query_run}_results_content.json.yaml
// (getQueryRunResultsJson).
import { ids } from "./contract-target.js";
import { describeResultContent } from "./result-content-suite.js";

describeResultContent({
  operationId: "getQueryRunResultsJson",
  path: "/{account}/reports/{report}/runs/{run}/query_runs/{query_run}/results/content.json",
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
  format: "json",
});
