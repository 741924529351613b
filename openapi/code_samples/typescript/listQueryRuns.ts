import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

// Why did the Dataset's run fail? The reason is on its query runs, not on the run itself.
const { data, error } = await mode.GET("/{account}/reports/{report}/runs/{run}/query_runs", {
  params: { path: { account: "northwind", report: "5a4177a2902c", run: "3b70c9e2d418" } },
});
if (error) throw new Error(`listQueryRuns failed: ${JSON.stringify(error)}`);
for (const queryRun of data._embedded.query_runs ?? [])
  console.log(queryRun.query_name, queryRun.state, queryRun.error_message ?? "");
