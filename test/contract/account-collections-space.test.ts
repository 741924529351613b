// Contract: openapi/paths/{account}_collections_{space}.yaml (getCollection, the newer path of getSpace).
import { describe, expect, it } from "vitest";
import { expectConforming } from "./contract-expectations.js";
import { contractClient, ids } from "./contract-target.js";
import { documentedAnswersSuite } from "./documented-answers-suite.js";

const path = "/{account}/collections/{space}";
const params = { path: { account: ids.account, space: ids.space } };
const op = { path, method: "get", status: 200 } as const;

describe("getCollection", () => {
  it("answers 200 with a Space that matches its schema, the Collection its self link names", async () => {
    const { client } = contractClient();
    const result = await client.GET(path, { params });
    await expectConforming(result, op);
    expect(result.data?._links.self.href).toMatch(/\/collections\//);
  });

  it("accepts every parameter it documents (its path parameters, another Collection) without a violation", async () => {
    const { client } = contractClient();
    await expectConforming(
      await client.GET(path, { params: { path: { account: ids.account, space: "c07d5e2a8b31" } } }),
      op,
    );
  });
});

documentedAnswersSuite("getCollection", { path, method: "get" }, (client, headers) =>
  client.GET(path, { params, headers }),
);
