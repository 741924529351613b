import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

const { data, error } = await mode.GET("/{account}/collections/{space}/reports", {
  params: { path: { account: "northwind", space: "8f2c6d1e9b4a" } },
});
if (error) throw new Error(`listReportsForCollection failed: ${JSON.stringify(error)}`);
for (const report of data._embedded.reports ?? []) console.log(report.token, report.name);
