import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

const { data: collection, error } = await mode.GET("/{account}/collections/{space}", {
  params: { path: { account: "northwind", space: "8f2c6d1e9b4a" } },
});
if (error) throw new Error(`getCollection failed: ${JSON.stringify(error)}`);
console.log(`${collection.name} (${collection.space_type}, ${collection.state})`);
