import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

// Send only the fields to change: name, description and/or space_token (to move it).
const { data: report, error } = await mode.PATCH("/{account}/reports/{report}", {
  params: { path: { account: "northwind", report: "7f3c2a9d41b8" } },
  body: { report: { space_token: "c07d5e2a8b31" } },
});
if (error) throw new Error(`updateReport failed: ${JSON.stringify(error)}`);
console.log(`${report.name} now lives in ${report.space_token}`);
