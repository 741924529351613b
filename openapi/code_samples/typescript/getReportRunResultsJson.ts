import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

// One object per row. For a report with several queries this holds the first query's rows only.
const { data: rows, error } = await mode.GET(
  "/{account}/reports/{report}/runs/{run}/results/content.json",
  {
    params: { path: { account: "northwind", report: "5a4177a2902c", run: "c81d5f2a9e63" } },
    headers: { Accept: "application/json" },
  },
);
if (error) throw new Error(`getReportRunResultsJson failed: ${JSON.stringify(error)}`);
console.log(`${rows.length} rows; the first: ${JSON.stringify(rows[0])}`);
