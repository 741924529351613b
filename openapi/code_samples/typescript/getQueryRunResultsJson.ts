import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

const { data: rows, error } = await mode.GET(
  "/{account}/reports/{report}/runs/{run}/query_runs/{query_run}/results/content.json",
  {
    params: {
      path: {
        account: "northwind",
        report: "7f3c2a9d41b8",
        run: "a1f3c5e7d902",
        query_run: "f1e2d3c4b5a6",
      },
    },
    headers: { Accept: "application/json" },
  },
);
if (error) throw new Error(`getQueryRunResultsJson failed: ${JSON.stringify(error)}`);
for (const row of rows) console.log(row);
