import { createModeClient, orderBy } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

// The latest runs first: how to follow a refresh until its state is terminal.
const { data, error } = await mode.GET("/{account}/reports/{report}/runs", {
  params: {
    path: { account: "northwind", report: "7f3c2a9d41b8" },
    query: { ...orderBy("created_at", "desc"), per_page: 5 },
  },
});
if (error) throw new Error(`listReportRuns failed: ${JSON.stringify(error)}`);
for (const run of data._embedded.report_runs ?? [])
  console.log(run.token, run.state, run.created_at);
