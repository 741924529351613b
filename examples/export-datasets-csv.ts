// Writes every Dataset of a workspace, with the Collection it is in, as CSV.
//   npx tsx examples/export-datasets-csv.ts [--account northwind] [--out datasets.csv] [--concurrency 8]
// Without --out the CSV goes to standard output; the count goes to standard error.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { parseArgs } from "node:util";
import { exampleClient, failWith } from "./example-client.js";

const { values } = parseArgs({
  options: {
    account: { type: "string", default: "northwind" },
    out: { type: "string" },
    concurrency: { type: "string", default: "8" },
  },
});

const columns = [
  "collection_token",
  "collection_name",
  "dataset_token",
  "dataset_name",
  "created_at",
  "updated_at",
  "last_successfully_run_at",
] as const;

// RFC 4180: quote a field holding a comma, quote or line break, doubling its quotes. A leading
// =, +, - or @ is prefixed with ' so a spreadsheet does not run a name as a formula.
function field(value: unknown): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

try {
  const { mode } = exampleClient();
  const out = values.out ? createWriteStream(values.out) : process.stdout;
  // Rows are written as they arrive: iterateAllDatasets holds one page per listing, and this
  // waits for the stream to drain, so memory stays flat however large the workspace.
  const write = async (line: string): Promise<void> => {
    if (!out.write(`${line}\r\n`)) await once(out, "drain");
  };
  await write(columns.join(","));
  let count = 0;
  for await (const { space, dataset } of mode.iterateAllDatasets(
    { account: values.account },
    { concurrency: Number(values.concurrency) },
  )) {
    await write(
      [
        space.token,
        space.name,
        dataset.token,
        dataset.name,
        dataset.created_at,
        dataset.updated_at,
        dataset.last_successfully_run_at,
      ]
        .map(field)
        .join(","),
    );
    count++;
  }
  if (out !== process.stdout) {
    out.end();
    await once(out, "finish");
  }
  console.error(
    `${count} Dataset${count === 1 ? "" : "s"} of ${values.account}${values.out ? ` written to ${values.out}` : ""}.`,
  );
} catch (error) {
  failWith(error);
}
