// Contract: openapi/paths/{account}_datasets_{dataset}_runs.yaml (listDatasetRuns, runDataset).
import { describe, expect, it } from "vitest";
import { errorOf, expectConforming } from "./contract-expectations.js";
import { contractClient, ids, writesAllowed } from "./contract-target.js";
import { allFilterParameters, badFilters, otherFilterParameters } from "./listing-cases.js";
import { describeListingContract } from "./listing-suite.js";
import { documentedAnswersSuite } from "./documented-answers-suite.js";

const path = "/{account}/datasets/{dataset}/runs";
const pathParams = { account: ids.account, dataset: ids.dataset };

describeListingContract({
  operationId: "listDatasetRuns",
  path,
  pathParams,
  collection: "ReportRunCollection",
  itemsKey: "report_runs",
  goodQueries: [
    ["filter, order, order_by, page and per_page (created_at ascending)", allFilterParameters],
    ["filter, order, order_by, page and per_page (updated_at descending)", otherFilterParameters],
  ],
  badQueries: badFilters,
  // The throwing layer has no method for this listing yet: the plain client's error answer
  // becomes the same ModeApiError the throwing layer would make of it.
  listThroughThrowingLayer: async (contract, { account, dataset, ...query }) => {
    throw errorOf(
      await contract.client.GET(path, {
        params: { path: { account, dataset } as typeof pathParams, query: query as never },
      }),
      { path, method: "get" },
    );
  },
});

describe.runIf(writesAllowed)("runDataset", () => {
  const op = { path, method: "post", status: 202 } as const;

  it("answers 202 with a run that matches its schema, not finished yet", async () => {
    const { client } = contractClient();
    const result = await client.POST(path, { params: { path: pathParams } });
    await expectConforming(result, op);
    expect(["succeeded", "completed", "failed", "cancelled"]).not.toContain(result.data?.state);
  });

  it("accepts every parameter it documents (its path parameters; it takes no body)", async () => {
    const { client } = contractClient();
    const result = await client.POST(path, {
      params: { path: { account: ids.account, dataset: "b91e0d3c5f7a" } },
    });
    await expectConforming(result, op);
  });
});

documentedAnswersSuite("runDataset", { path, method: "post" }, (client, headers) =>
  client.POST(path, {
    params: { path: pathParams },
    headers: headers,
  }),
);
