import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

// Send only the fields to change: name, description and/or space_token.
const { data: dataset, error } = await mode.PATCH("/{account}/datasets/{dataset}", {
  params: { path: { account: "northwind", dataset: "5a4177a2902c" } },
  body: { report: { name: "Orders by region (EU)" } },
});
if (error) throw new Error(`updateDataset failed: ${JSON.stringify(error)}`);
console.log(`renamed to ${dataset.name}`);
