// Contract: openapi/paths/{account}_spaces_{space}_datasets.yaml (listDatasetsForSpace).
import { ids } from "./contract-target.js";
import { badFilters, filterQueries } from "./listing-cases.js";
import { describeListingContract } from "./listing-suite.js";

describeListingContract({
  operationId: "listDatasetsForSpace",
  path: "/{account}/spaces/{space}/datasets",
  pathParams: { account: ids.account, space: ids.space },
  collection: "DatasetCollection",
  itemsKey: "reports",
  goodQueries: filterQueries,
  badQueries: badFilters,
  listThroughThrowingLayer: (contract, params) =>
    contract.datasets.datasets.listForSpace(params as never),
});
