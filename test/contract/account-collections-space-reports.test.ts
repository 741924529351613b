// Contract: openapi/paths/{account}_collections_{space}_reports.yaml (listReportsForCollection).
import { ids } from "./contract-target.js";
import { badFilters, filterQueries } from "./listing-cases.js";
import { describeListingContract } from "./listing-suite.js";

describeListingContract({
  operationId: "listReportsForCollection",
  path: "/{account}/collections/{space}/reports",
  pathParams: { account: ids.account, space: ids.space },
  collection: "ReportCollection",
  itemsKey: "reports",
  goodQueries: filterQueries,
  badQueries: badFilters,
});
