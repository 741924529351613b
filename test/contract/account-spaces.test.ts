// Contract: openapi/paths/{account}_spaces.yaml (listSpaces).
import { describe, expect, it } from "vitest";
import { expectConforming } from "./contract-expectations.js";
import { contractClient, ids } from "./contract-target.js";
import { badSpaceQueries, spaceQueries } from "./listing-cases.js";
import { describeListingContract } from "./listing-suite.js";

const path = "/{account}/spaces";

describeListingContract({
  operationId: "listSpaces",
  path,
  pathParams: { account: ids.account },
  collection: "SpaceCollection",
  itemsKey: "spaces",
  goodQueries: spaceQueries,
  badQueries: badSpaceQueries,
  listThroughThrowingLayer: (contract, params) => contract.datasets.spaces.list(params as never),
});

describe("listSpaces through the throwing layer", () => {
  it("iterates every collection and ends when the listing ignores page", async () => {
    const contract = contractClient();
    const tokens: string[] = [];
    for await (const space of contract.datasets.spaces.iterate({
      account: ids.account,
      filter: "all",
    }))
      tokens.push(space.token);
    await expectConforming(
      { data: await contract.lastResponse().json(), response: contract.lastResponse() },
      { path, method: "get", status: 200 },
    );
    expect(tokens.length).toBeGreaterThan(0);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  // listSpaces, then listDatasetsForSpace for each Collection, every request checked by Prism.
  it("walks every dataset of the workspace, each with the collection it came from", async () => {
    const contract = contractClient();
    const spaces: string[] = [];
    for await (const space of contract.datasets.spaces.iterate({
      account: ids.account,
      filter: "all",
    }))
      spaces.push(space.token);
    const seen = new Map<string, string[]>();
    for await (const { space, dataset } of contract.datasets.iterateAllDatasets(
      { account: ids.account },
      { concurrency: 3 },
    )) {
      seen.set(space.token, [...(seen.get(space.token) ?? []), dataset.token]);
    }
    expect([...seen.keys()].sort()).toEqual([...spaces].sort());
    for (const tokens of seen.values()) {
      expect(tokens.length).toBeGreaterThan(0);
      expect(new Set(tokens).size).toBe(tokens.length);
    }
  });
});
