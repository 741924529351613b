// Contract: openapi/paths/{account}_spaces_{space}.yaml (getSpace).
import { describe, it } from "vitest";
import { documentedAnswersSuite } from "./documented-answers-suite.js";
import { expectConforming } from "./contract-expectations.js";
import { contractClient, ids } from "./contract-target.js";

const path = "/{account}/spaces/{space}";
const params = { path: { account: ids.account, space: ids.space } };
const op = { path, method: "get", status: 200 } as const;

describe("getSpace", () => {
  it("answers 200 with a Space that matches its schema", async () => {
    const { client } = contractClient();
    await expectConforming(await client.GET(path, { params }), op);
  });

  it("accepts every parameter it documents (its path parameters, another Collection) without a violation", async () => {
    const { client } = contractClient();
    await expectConforming(
      await client.GET(path, { params: { path: { account: ids.account, space: "c07d5e2a8b31" } } }),
      op,
    );
  });
});

documentedAnswersSuite("getSpace", { path, method: "get" }, (client, headers) =>
  client.GET(path, { params, headers: headers }),
);
