import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

// Poll this after runDataset until state is terminal: succeeded or completed, failed or cancelled.
const { data: run, error } = await mode.GET("/{account}/datasets/{dataset}/runs/{run}", {
  params: { path: { account: "northwind", dataset: "5a4177a2902c", run: "c81d5f2a9e63" } },
});
if (error) throw new Error(`getDatasetRun failed: ${JSON.stringify(error)}`);
console.log(`run ${run.token} is ${run.state}`);
