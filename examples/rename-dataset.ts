// Renames a Dataset (only the name changes; its description and Collection stay as they are).
//   npx tsx examples/rename-dataset.ts [--account northwind] [--dataset 5a4177a2902c] [--name "Orders by region (EU)"]
import { parseArgs } from "node:util";
import { exampleClient, failWith } from "./example-client.js";

const { values } = parseArgs({
  options: {
    account: { type: "string", default: "northwind" },
    dataset: { type: "string", default: "5a4177a2902c" },
    name: { type: "string", default: "Orders by region (EU)" },
  },
});

try {
  const { mode, mocked } = exampleClient();
  const params = { account: values.account, dataset: values.dataset };
  const before = await mode.datasets.get(params);
  console.log(`Dataset ${before.token} is called ${JSON.stringify(before.name)}.`);
  // Not retried automatically: Mode records every edit.
  const after = await mode.datasets.update(params, { name: values.name });
  console.log(
    `Renamed to ${JSON.stringify(values.name)}; Mode answered with name ${JSON.stringify(after.name)}, updated_at ${after.updated_at}.`,
  );
  if (mocked)
    console.log(
      "(A mock answers with the spec's example Dataset, so the name it sends back is the example's.)",
    );
} catch (error) {
  failWith(error);
}
