import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

// A Dataset's token works too: the answer is then the Dataset (type DatasetReport).
const { data: report, error } = await mode.GET("/{account}/reports/{report}", {
  params: { path: { account: "northwind", report: "7f3c2a9d41b8" } },
});
if (error) throw new Error(`getReport failed: ${JSON.stringify(error)}`);
console.log(`${report.name} (${report.type}), last good run ${report.last_successful_run_token}`);
