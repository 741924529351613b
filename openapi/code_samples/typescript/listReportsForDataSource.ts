import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

// A report with several queries on the data source may be listed once per query.
const { data, error } = await mode.GET("/{account}/data_sources/{data_source}/reports", {
  params: { path: { account: "northwind", data_source: "3c9e1f7a2d60" } },
});
if (error) throw new Error(`listReportsForDataSource failed: ${JSON.stringify(error)}`);
const seen = new Set<string>();
for (const report of data._embedded.reports ?? []) {
  if (seen.has(report.token)) continue;
  seen.add(report.token);
  console.log(report.token, report.name);
}
