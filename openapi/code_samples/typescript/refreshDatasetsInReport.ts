import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

// Never retried automatically: every call starts another report run.
const { data: run, error } = await mode.POST("/{account}/reports/{report}/runs", {
  params: { path: { account: "northwind", report: "7f3c2a9d41b8" } },
  body: { report: { dataset_tokens: [{ token: "5a4177a2902c" }] } },
});
if (error) throw new Error(`refreshDatasetsInReport failed: ${JSON.stringify(error)}`);
console.log(`run ${run.token} is ${run.state}; follow it with getReportRun`);
