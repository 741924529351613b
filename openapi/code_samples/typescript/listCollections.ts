import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

// The path Mode's own links use; the same answer as /spaces.
const { data, error } = await mode.GET("/{account}/collections", {
  params: { path: { account: "northwind" }, query: { filter: "all" } },
});
if (error) throw new Error(`listCollections failed: ${JSON.stringify(error)}`);
for (const space of data._embedded.spaces ?? []) console.log(space.token, space.name);
