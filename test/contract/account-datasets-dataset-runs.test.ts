// Contract: openapi/paths/{account}_datasets_{dataset}_runs.yaml (listDatasetRuns, runDataset).
import { describe, expect, it } from "vitest";
import { expectConforming } from "./contract-expectations.js";
import { contractClient, ids, writesAllowed } from "./contract-target.js";
import { badFilters, filterQueries } from "./listing-cases.js";
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
  goodQueries: filterQueries,
  badQueries: badFilters,
  listThroughThrowingLayer: (contract, params) =>
    contract.datasets.datasets.listRuns(params as never),
});

describe.runIf(writesAllowed)("runDataset", () => {
  const op = { path, method: "post", status: 202 } as const;

  it("answers 202 with a run that matches its schema, not finished yet", async () => {
    const { client } = contractClient();
    const result = await client.POST(path, { params: { path: pathParams } });
    await expectConforming(result, op);
    expect(["succeeded", "completed", "failed", "cancelled"]).not.toContain(result.data?.state);
  });

  // The mock answers with the spec's examples, which let the run it starts finish: waitForRun
  // follows it there through getDatasetRun, each answer checked against the spec.
  it("runs a dataset through the throwing layer and waits until it succeeds", async () => {
    const contract = contractClient();
    const started = await contract.datasets.datasets.run(pathParams);
    await expectConforming({ data: started, response: contract.lastResponse() }, op);
    const polled: string[] = [];
    const finished = await contract.datasets.waitForRun(
      { ...pathParams, run: started.token },
      { intervalMs: 1, onPoll: (run) => polled.push(run.state) },
    );
    await expectConforming(
      { data: finished, response: contract.lastResponse() },
      { path: "/{account}/datasets/{dataset}/runs/{run}", method: "get", status: 200 },
    );
    expect(finished.token).toBe(started.token);
    expect(["succeeded", "completed"]).toContain(finished.state);
    expect(polled).toEqual([finished.state]);
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
