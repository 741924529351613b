// Contract: openapi/paths/{account}_datasets_{dataset}_schedules.yaml (listDatasetSchedules).
import { ids } from "./contract-target.js";
import { badPaging } from "./listing-cases.js";
import { describeListingContract } from "./listing-suite.js";

describeListingContract({
  operationId: "listDatasetSchedules",
  path: "/{account}/datasets/{dataset}/schedules",
  pathParams: { account: ids.account, dataset: ids.dataset },
  collection: "DatasetScheduleCollection",
  itemsKey: "report_schedules",
  goodQueries: [["page and per_page (its only query parameters)", { page: 1, per_page: 30 }]],
  badQueries: badPaging,
});
