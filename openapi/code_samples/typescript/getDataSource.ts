import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

const { data: source, error } = await mode.GET("/{account}/data_sources/{data_source}", {
  params: { path: { account: "northwind", data_source: "3c9e1f7a2d60" } },
});
if (error) throw new Error(`getDataSource failed: ${JSON.stringify(error)}`);
console.log(source.name, source.adapter, source.database);
