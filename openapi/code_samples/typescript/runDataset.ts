import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

// Never retried automatically: every call runs the Dataset's query against the warehouse again.
const { data: run, error } = await mode.POST("/{account}/datasets/{dataset}/runs", {
  params: { path: { account: "northwind", dataset: "5a4177a2902c" } },
});
if (error) throw new Error(`runDataset failed: ${JSON.stringify(error)}`);
console.log(`run ${run.token} is ${run.state}; follow it with getDatasetRun`);
