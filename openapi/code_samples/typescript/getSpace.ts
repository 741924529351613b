import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

const { data: space, error } = await mode.GET("/{account}/spaces/{space}", {
  params: { path: { account: "northwind", space: "8f2c6d1e9b4a" } },
});
if (error) throw new Error(`getSpace failed: ${JSON.stringify(error)}`);
console.log(space.name, space.space_type, space.state);
