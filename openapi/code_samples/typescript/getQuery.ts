import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

const { data: query, error } = await mode.GET("/{account}/reports/{report}/queries/{query}", {
  params: { path: { account: "northwind", report: "7f3c2a9d41b8", query: "9a2c4e6f8b10" } },
});
if (error) throw new Error(`getQuery failed: ${JSON.stringify(error)}`);
console.log(`${query.name} runs on data source ${query.data_source_id}:\n${query.raw_query}`);
