// Contract: openapi/paths/{account}_data_sources_{data_source}_datasets.yaml (listDatasetsForDataSource).
import { ids } from "./contract-target.js";
import { badFilters, filterQueries } from "./listing-cases.js";
import { describeListingContract } from "./listing-suite.js";

describeListingContract({
  operationId: "listDatasetsForDataSource",
  path: "/{account}/data_sources/{data_source}/datasets",
  pathParams: { account: ids.account, data_source: ids.dataSource },
  collection: "DatasetCollection",
  itemsKey: "reports",
  goodQueries: filterQueries,
  badQueries: badFilters,
  listThroughThrowingLayer: (contract, params) =>
    contract.datasets.datasets.listForDataSource(params as never),
});
