import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

// Deleting is never retried automatically; the answer has no body.
const { error, response } = await mode.DELETE("/{account}/datasets/{dataset}", {
  params: { path: { account: "northwind", dataset: "5a4177a2902c" } },
});
if (error) throw new Error(`deleteDataset failed: ${JSON.stringify(error)}`);
console.log(`deleted (${response.status})`);
