import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

const { data: dataset, error } = await mode.GET("/{account}/datasets/{dataset}", {
  params: { path: { account: "northwind", dataset: "5a4177a2902c" } },
});
if (error) throw new Error(`getDataset failed: ${JSON.stringify(error)}`);
console.log(dataset.name, dataset.last_successful_sync_at);
