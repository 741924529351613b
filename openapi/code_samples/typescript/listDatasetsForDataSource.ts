import { createModeClient, updatedAfter } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

const { data, error } = await mode.GET("/{account}/data_sources/{data_source}/datasets", {
  params: {
    path: { account: "northwind", data_source: "3c9e1f7a2d60" },
    query: { filter: updatedAfter("2024-06-01"), page: 1 },
  },
});
if (error) throw new Error(`listDatasetsForDataSource failed: ${JSON.stringify(error)}`);
for (const dataset of data._embedded.reports ?? []) console.log(dataset.token, dataset.name);
