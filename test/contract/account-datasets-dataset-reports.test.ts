// Contract: openapi/paths/{account}_datasets_{dataset}_reports.yaml (listReportsForDataset).
import { ids } from "./contract-target.js";
import { badPaging } from "./listing-cases.js";
import { describeListingContract } from "./listing-suite.js";

describeListingContract({
  operationId: "listReportsForDataset",
  path: "/{account}/datasets/{dataset}/reports",
  pathParams: { account: ids.account, dataset: ids.dataset },
  collection: "ReportCollection",
  itemsKey: "reports",
  goodQueries: [["page and per_page (its only query parameters)", { page: 2, per_page: 50 }]],
  badQueries: badPaging,
  listThroughThrowingLayer: (contract, params) =>
    contract.datasets.datasets.listReports(params as never),
});
