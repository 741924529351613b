import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

// The column stays; only its description goes. Never retried automatically.
const { error, response } = await mode.DELETE(
  "/{account}/datasets/{dataset}/field_descriptions/{field_description}",
  {
    params: {
      path: { account: "northwind", dataset: "5a4177a2902c", field_description: "4d7a1c9e2b60" },
    },
  },
);
if (error) throw new Error(`deleteFieldDescription failed: ${JSON.stringify(error)}`);
console.log(`deleted (${response.status})`);
