import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

// filter=all: without it, other members' private Collections are left out.
const { data, error } = await mode.GET("/{account}/spaces", {
  params: { path: { account: "northwind" }, query: { filter: "all" } },
});
if (error) throw new Error(`listSpaces failed: ${JSON.stringify(error)}`);
for (const space of data._embedded.spaces ?? []) console.log(space.token, space.name);
