// Contract: openapi/paths/{account}_data_sources_{data_source}.yaml (getDataSource).
import { describe, it } from "vitest";
import { documentedAnswersSuite } from "./documented-answers-suite.js";
import { expectConforming } from "./contract-expectations.js";
import { contractClient, ids } from "./contract-target.js";

const path = "/{account}/data_sources/{data_source}";
const params = { path: { account: ids.account, data_source: ids.dataSource } };
const op = { path, method: "get", status: 200 } as const;

describe("getDataSource", () => {
  it("answers 200 with a DataSource that matches its schema", async () => {
    const { client } = contractClient();
    await expectConforming(await client.GET(path, { params }), op);
  });

  it("accepts every parameter it documents (its path parameters, another data source) without a violation", async () => {
    const { client } = contractClient();
    await expectConforming(
      await client.GET(path, {
        params: { path: { account: ids.account, data_source: "9e41b7c03a5d" } },
      }),
      op,
    );
  });
});

documentedAnswersSuite("getDataSource", { path, method: "get" }, (client, headers) =>
  client.GET(path, { params, headers: headers }),
);
