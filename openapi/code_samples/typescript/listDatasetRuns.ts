import { createModeClient, orderBy } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

// The latest runs first; a Dataset run has a report run's fields.
const { data, error } = await mode.GET("/{account}/datasets/{dataset}/runs", {
  params: {
    path: { account: "northwind", dataset: "5a4177a2902c" },
    query: { ...orderBy("created_at", "desc"), per_page: 10 },
  },
});
if (error) throw new Error(`listDatasetRuns failed: ${JSON.stringify(error)}`);
for (const run of data._embedded.report_runs ?? [])
  console.log(run.token, run.state, run.created_at);
