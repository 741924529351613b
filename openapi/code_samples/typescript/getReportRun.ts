import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

// Poll this until state is terminal: succeeded or completed, failed or cancelled.
const { data: run, error } = await mode.GET("/{account}/reports/{report}/runs/{run}", {
  params: { path: { account: "northwind", report: "7f3c2a9d41b8", run: "a1f3c5e7d902" } },
});
if (error) throw new Error(`getReportRun failed: ${JSON.stringify(error)}`);
console.log(`run ${run.token} is ${run.state}`);
