import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

// The reports that import this Dataset: the ones a change or a deletion affects.
const { data, error } = await mode.GET("/{account}/datasets/{dataset}/reports", {
  params: { path: { account: "northwind", dataset: "5a4177a2902c" }, query: { page: 1 } },
});
if (error) throw new Error(`listReportsForDataset failed: ${JSON.stringify(error)}`);
for (const report of data._embedded.reports ?? []) console.log(report.token, report.name);
