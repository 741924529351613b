// Contract: openapi/paths/{account}_data_sources_{data_source}_reports.yaml (listReportsForDataSource).
import { ids } from "./contract-target.js";
import { badFilters, filterQueries } from "./listing-cases.js";
import { describeListingContract } from "./listing-suite.js";

describeListingContract({
  operationId: "listReportsForDataSource",
  path: "/{account}/data_sources/{data_source}/reports",
  pathParams: { account: ids.account, data_source: ids.dataSource },
  collection: "ReportCollection",
  itemsKey: "reports",
  goodQueries: filterQueries,
  badQueries: badFilters,
});
