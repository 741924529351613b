import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

// The column's name and the text (up to 350 characters). Not retried automatically.
const { data: created, error } = await mode.POST(
  "/{account}/datasets/{dataset}/field_descriptions",
  {
    params: { path: { account: "northwind", dataset: "5a4177a2902c" } },
    body: { name: "region", desc: "Shipping region of the order, from the regions table." },
  },
);
if (error) throw new Error(`createFieldDescription failed: ${JSON.stringify(error)}`);
console.log(`described ${created.name} as ${created.token}`);
