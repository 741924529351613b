import { createdAfter, createModeClient, orderBy } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

// One page; `paginate(mode, "/{account}/spaces/{space}/datasets", ...)` walks them all.
const { data, error } = await mode.GET("/{account}/spaces/{space}/datasets", {
  params: {
    path: { account: "northwind", space: "8f2c6d1e9b4a" },
    query: { filter: createdAfter("2024-01-01"), ...orderBy("created_at", "desc"), page: 1 },
  },
});
if (error) throw new Error(`listDatasetsForSpace failed: ${JSON.stringify(error)}`);
for (const dataset of data._embedded.reports ?? []) console.log(dataset.token, dataset.name);
