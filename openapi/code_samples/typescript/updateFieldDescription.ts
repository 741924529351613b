import { createModeClient } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET.
const mode = createModeClient();

const { data: updated, error } = await mode.PATCH(
  "/{account}/datasets/{dataset}/field_descriptions/{field_description}",
  {
    params: {
      path: { account: "northwind", dataset: "5a4177a2902c", field_description: "8b1f3e6a0d27" },
    },
    body: { desc: "Order total in US dollars, after discounts and before tax." },
  },
);
if (error) throw new Error(`updateFieldDescription failed: ${JSON.stringify(error)}`);
console.log(`${updated.name}: ${updated.description ?? updated.desc}`);
