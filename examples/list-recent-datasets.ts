// Lists the Datasets of a Collection (space) created after a date, oldest first, across pages.
//   npx tsx examples/list-recent-datasets.ts [--account northwind] [--space 8f2c6d1e9b4a] [--since 2024-01-01]
import { parseArgs } from "node:util";
import { createdAfter, orderBy } from "../src/index.js";
import { exampleClient, failWith } from "./example-client.js";

const { values } = parseArgs({
  options: {
    account: { type: "string", default: "northwind" },
    space: { type: "string", default: "8f2c6d1e9b4a" },
    since: { type: "string", default: "2024-01-01" },
  },
});

try {
  const { mode, baseUrl } = exampleClient();
  // createdAfter checks the date and writes Mode's filter grammar: created_at.gt.<UTC timestamp>.
  const filter = createdAfter(values.since);
  console.log(
    `Datasets in space ${values.space} of ${values.account} with ${filter} (${baseUrl}):`,
  );
  let count = 0;
  // iterateForSpace walks `page` and stops on an empty or repeated page, so no page is missed.
  for await (const dataset of mode.datasets.iterateForSpace({
    account: values.account,
    space: values.space,
    filter,
    ...orderBy("created_at", "asc"),
  })) {
    count++;
    console.log(`  ${dataset.token}  ${dataset.created_at}  ${dataset.name ?? "(untitled)"}`);
  }
  console.log(`${count} Dataset${count === 1 ? "" : "s"}.`);
} catch (error) {
  failWith(error);
}
