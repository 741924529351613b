// Contract: openapi/paths/{account}_data_sources.yaml (listDataSources).
import { describe, expect, it } from "vitest";
import { documentedAnswersSuite } from "./documented-answers-suite.js";
import { expectConforming } from "./contract-expectations.js";
import { contractClient, ids } from "./contract-target.js";

const path = "/{account}/data_sources";
const params = { path: { account: ids.account } };
const op = { path, method: "get", status: 200 } as const;

describe("listDataSources", () => {
  it("answers 200 with a DataSourceCollection that matches its schema", async () => {
    const { client } = contractClient();
    await expectConforming(await client.GET(path, { params }), op);
  });

  it("accepts every parameter it documents (only its account: it takes no query) without a violation", async () => {
    const { client } = contractClient();
    await expectConforming(
      await client.GET(path, { params: { path: { account: ids.account } } }),
      op,
    );
  });

  it("lists every data source through the throwing layer in one request, without a page", async () => {
    const contract = contractClient();
    const listed = await contract.datasets.dataSources.list({ account: ids.account });
    const iterated = [];
    for await (const source of contract.datasets.dataSources.iterate({ account: ids.account }))
      iterated.push(source);
    const last = contract.lastResponse();
    await expectConforming({ data: await last.json(), response: last }, op);
    expect(new URL(last.url).search).toBe("");
    expect(iterated).toEqual(listed);
    expect(listed.length).toBeGreaterThan(0);
  });
});

documentedAnswersSuite("listDataSources", { path, method: "get" }, (client, headers) =>
  client.GET(path, { params, headers: headers }),
);
