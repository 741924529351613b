// What `contract` and `proxy` print and write when a run ends: the table of violations, the
// offending requests, the verdict line, and the `--junit` / `--json` files. The verdict and
// the exit code come from `buildSummary`, decided there once.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { OptionsTable } from "./command.js";
import type { Exchange } from "./prism/violations.js";
import { describeViolation, formatTable, isError, summarize } from "./prism/violations.js";
import {
  buildSummary,
  type RunInput,
  type RunSummary,
  toJsonSummary,
  toJunitXml,
} from "./report/index.js";

export interface ReportFiles {
  junit?: string | undefined;
  json?: string | undefined;
}

/** Prints the table and the offending requests, writes the report files, returns the summary. */
export function reportRun(name: string, input: RunInput, files: ReportFiles): RunSummary {
  const summary = buildSummary(input);
  // The summary's exchanges, not the input's: they are redacted, so the console shows no secret.
  const exchanges: readonly Exchange[] = summary.exchanges;
  const broken = exchanges.filter((e) => e.violations.some(isError));
  const rows = summarize(exchanges);
  console.log(`\n${name}: ${exchanges.length} request(s), ${broken.length} broke the contract`);
  if (rows.length > 0) {
    console.log(`\n${formatTable(rows)}\n`);
    const shown = 20;
    const flagged = exchanges.filter((e) => e.violations.length > 0);
    for (const e of flagged.slice(0, shown)) {
      console.log(`  ${e.status} ${e.method} ${e.url}`);
      for (const v of e.violations) console.log(`      ${describeViolation(v)}`);
    }
    if (flagged.length > shown) console.log(`  ... and ${flagged.length - shown} more`);
  }
  for (const [file, render] of [
    [files.junit, toJunitXml],
    [files.json, toJsonSummary],
  ] as const) {
    if (file === undefined) continue;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, render(summary));
    console.log(`${name}: wrote ${file}`);
  }
  console.log("");
  if (summary.verdict === "pass") {
    console.log(`${name}: PASS: every request and answer matched the spec`);
  } else {
    for (const reason of summary.reasons) console.log(`${name}: FAIL: ${reason}`);
  }
  return summary;
}

/** `--strict`, `--junit FILE`, `--json FILE`: the options both commands share. */
export const reportOptions = {
  strict: {
    type: "boolean",
    description: "warnings fail the run too (e.g. Accept: application/json)",
  },
  junit: {
    type: "string",
    value: "FILE",
    description: "write a JUnit XML report (one test case per operation and kind of violation)",
  },
  json: { type: "string", value: "FILE", description: "write the same summary as JSON" },
} as const satisfies OptionsTable;
