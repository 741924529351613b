import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

const { data, error } = await mode.GET("/{account}/datasets/{dataset}/fields", {
  params: { path: { account: "northwind", dataset: "5a4177a2902c" } },
});
if (error) throw new Error(`listDatasetFields failed: ${JSON.stringify(error)}`);
for (const field of data._embedded.fields ?? []) console.log(field.name, field.type);
