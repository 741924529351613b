import { createModeClient, orderBy } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

// The most recently changed reports first; archived ones are included.
const { data, error } = await mode.GET("/{account}/spaces/{space}/reports", {
  params: {
    path: { account: "northwind", space: "8f2c6d1e9b4a" },
    query: orderBy("updated_at", "desc"),
  },
});
if (error) throw new Error(`listReportsForSpace failed: ${JSON.stringify(error)}`);
for (const report of data._embedded.reports ?? []) console.log(report.token, report.name);
