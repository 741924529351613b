import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

// One query's rows, always a single CSV file. Mode sends CSV whatever Accept says.
const { data: csv, error } = await mode.GET(
  "/{account}/reports/{report}/runs/{run}/query_runs/{query_run}/results/content.csv",
  {
    params: {
      path: {
        account: "northwind",
        report: "7f3c2a9d41b8",
        run: "a1f3c5e7d902",
        query_run: "f1e2d3c4b5a6",
      },
    },
    headers: { Accept: "text/csv, application/json" },
    parseAs: "text",
  },
);
if (error) throw new Error(`getQueryRunResultsCsv failed: ${JSON.stringify(error)}`);
console.log(`columns: ${csv.split("\n")[0]}`);
