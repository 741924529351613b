import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

// 200 when the token and secret work, 401 when they do not.
const { data, error, response } = await mode.GET("/verify");
if (error)
  throw new Error(`verifyCredentials failed (${response.status}): ${JSON.stringify(error)}`);
console.log(`credentials work for ${data.workspace ?? "this workspace"}`);
