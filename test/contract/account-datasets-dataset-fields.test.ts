// Contract: openapi/paths/{account}_datasets_{dataset}_fields.yaml (listDatasetFields).
import { ids } from "./contract-target.js";
import { badPaging } from "./listing-cases.js";
import { describeListingContract } from "./listing-suite.js";

describeListingContract({
  operationId: "listDatasetFields",
  path: "/{account}/datasets/{dataset}/fields",
  pathParams: { account: ids.account, dataset: ids.dataset },
  collection: "DatasetFieldCollection",
  itemsKey: "fields",
  goodQueries: [["page and per_page (its only query parameters)", { page: 2, per_page: 100 }]],
  badQueries: badPaging,
});
