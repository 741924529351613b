import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

// Deleting is never retried automatically; the answer has no body.
const { error, response } = await mode.DELETE("/{account}/reports/{report}", {
  params: { path: { account: "northwind", report: "e4a81f06c2d9" } },
});
if (error) throw new Error(`deleteReport failed: ${JSON.stringify(error)}`);
console.log(`deleted (${response.status})`);
