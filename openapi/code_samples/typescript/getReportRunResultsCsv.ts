import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

// A Dataset's rows: its token as the report, one of its runs. Mode answers CSV (or, for a report
// with several queries, a ZIP of one CSV per query) whatever Accept says; this Accept takes both.
const { data, error, response } = await mode.GET(
  "/{account}/reports/{report}/runs/{run}/results/content.csv",
  {
    params: { path: { account: "northwind", report: "5a4177a2902c", run: "c81d5f2a9e63" } },
    headers: { Accept: "text/csv, application/zip, application/json" },
    parseAs: "blob",
  },
);
if (error) throw new Error(`getReportRunResultsCsv failed: ${JSON.stringify(error)}`);
if (response.headers.get("content-type")?.startsWith("application/zip"))
  console.log(`a ZIP of ${data.size} bytes, one CSV per query`);
else console.log(`columns: ${(await data.text()).split("\n")[0]}`);
