// Contract: openapi/paths/{account}_data_sources_{data_source}_datasets.yaml (listDatasetsForDataSource).
import { ids } from "./contract-target.js";
import { allFilterParameters, badFilters, otherFilterParameters } from "./listing-cases.js";
import { describeListingContract } from "./listing-suite.js";

describeListingContract({
  operationId: "listDatasetsForDataSource",
  path: "/{account}/data_sources/{data_source}/datasets",
  pathParams: { account: ids.account, data_source: ids.dataSource },
  collection: "DatasetCollection",
  itemsKey: "reports",
  goodQueries: [
    ["filter, order, order_by, page and per_page (created_at ascending)", allFilterParameters],
    ["filter, order, order_by, page and per_page (updated_at descending)", otherFilterParameters],
  ],
  badQueries: badFilters,
  listThroughThrowingLayer: (contract, params) =>
    contract.datasets.datasets.listForDataSource(params as never),
});
