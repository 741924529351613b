import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

// Every data source at once; their tokens are what listDatasetsForDataSource takes.
const { data, error } = await mode.GET("/{account}/data_sources", {
  params: { path: { account: "northwind" } },
});
if (error) throw new Error(`listDataSources failed: ${JSON.stringify(error)}`);
for (const source of data._embedded.data_sources ?? []) console.log(source.token, source.name);
