import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

// With a Dataset's token: its one query, whose raw_query is the SQL that defines the Dataset.
const { data, error } = await mode.GET("/{account}/reports/{report}/queries", {
  params: { path: { account: "northwind", report: "5a4177a2902c" } },
});
if (error) throw new Error(`listQueriesForReport failed: ${JSON.stringify(error)}`);
for (const query of data._embedded.queries ?? []) console.log(query.name, query.raw_query);
