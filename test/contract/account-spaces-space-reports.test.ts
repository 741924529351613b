// Contract: openapi/paths/{account}_spaces_{space}_reports.yaml (listReportsForSpace).
import { ids } from "./contract-target.js";
import { badFilters, filterQueries } from "./listing-cases.js";
import { describeListingContract } from "./listing-suite.js";

describeListingContract({
  operationId: "listReportsForSpace",
  path: "/{account}/spaces/{space}/reports",
  pathParams: { account: ids.account, space: ids.space },
  collection: "ReportCollection",
  itemsKey: "reports",
  goodQueries: filterQueries,
  badQueries: badFilters,
});
