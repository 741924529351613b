// Contract: openapi/paths/{account}_spaces_{space}_datasets.yaml (listDatasetsForSpace).
import { ids } from "./contract-target.js";
import { allFilterParameters, badFilters, otherFilterParameters } from "./listing-cases.js";
import { describeListingContract } from "./listing-suite.js";

describeListingContract({
  operationId: "listDatasetsForSpace",
  path: "/{account}/spaces/{space}/datasets",
  pathParams: { account: ids.account, space: ids.space },
  collection: "DatasetCollection",
  itemsKey: "reports",
  goodQueries: [
    ["filter, order, order_by, page and per_page (created_at ascending)", allFilterParameters],
    ["filter, order, order_by, page and per_page (updated_at descending)", otherFilterParameters],
  ],
  badQueries: badFilters,
  listThroughThrowingLayer: (contract, params) =>
    contract.datasets.datasets.listForSpace(params as never),
});
