// Contract: openapi/paths/{account}_datasets_{dataset}_runs_{run}.yaml (getDatasetRun).
import { describe, expect, it } from "vitest";
import { expectConforming } from "./contract-expectations.js";
import { againstPrism, contractClient, ids, writesAllowed } from "./contract-target.js";
import { documentedAnswersSuite } from "./documented-answers-suite.js";

const path = "/{account}/datasets/{dataset}/runs/{run}";
const run = process.env["MODE_CONTRACT_DATASET_RUN"] || "c81d5f2a9e63";
const params = { path: { account: ids.account, dataset: ids.dataset, run } };
const op = { path, method: "get", status: 200 } as const;

describe("getDatasetRun", () => {
  it("answers 200 with a run that matches its schema", async () => {
    const { client } = contractClient();
    await expectConforming(await client.GET(path, { params }), op);
  });

  it("accepts every parameter it documents (its three path parameters) without a violation", async () => {
    const { client } = contractClient();
    const result = await client.GET(path, {
      params: { path: { account: ids.account, dataset: ids.dataset, run: "3b70c9e2d418" } },
    });
    await expectConforming(result, op);
  });

  // The mock answers with the spec's examples: the run runDataset starts must be finished when
  // followed, so a client waiting for it on the mock stops with a success.
  it.runIf(againstPrism && writesAllowed)(
    "shows the run runDataset started as finished when it is followed",
    async () => {
      const { client } = contractClient();
      const started = await client.POST("/{account}/datasets/{dataset}/runs", {
        params: { path: { account: ids.account, dataset: ids.dataset } },
      });
      expect(started.data?.state).toBe("enqueued");
      const followed = await client.GET(path, {
        params: { path: { account: ids.account, dataset: ids.dataset, run: started.data!.token } },
      });
      await expectConforming(followed, op);
      expect(followed.data?.token).toBe(started.data?.token);
      expect(["succeeded", "completed"]).toContain(followed.data?.state);
    },
  );
});

documentedAnswersSuite("getDatasetRun", { path, method: "get" }, (client, headers) =>
  client.GET(path, { params, headers: headers }),
);
