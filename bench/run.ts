/**
 * `npm run bench`: overhead, size, pagination and load of the client, printed as one table and
 * written to bench/RESULTS.md. Exits 1 when a target in bench/README.md is missed. `--quick` runs fewer
 * rounds (for trying the harness, not for RESULTS.md).
 */
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { measureImportTime } from "./import-time.js";
import { measureLoad } from "./load.js";
import { measureOverhead } from "./overhead.js";
import { measurePagination } from "./pagination.js";
import { machine, markdownTable, type Row } from "./report.js";
import { startServer } from "./server-process.js";
import { measureSize } from "./size.js";

const quick = process.argv.includes("--quick");
// Sized so the whole run stays well under five minutes on a 2-core machine.
const settings = {
  // Many short interleaved rounds: a median over many samples shrugs off bursts of other load.
  overhead1: { rounds: quick ? 3 : 41, requests: 250, warmup: 500 },
  overhead50: { rounds: quick ? 3 : 35, requests: 1_000, warmup: 1_500 },
  pagination: {
    items: 10_000,
    perPage: 30,
    rounds: quick ? 1 : 9,
    memoryItems: [1_000, 10_000] as const,
  },
  load: { requests: 2_000, concurrency: 200, timeScale: 10, limitedRequests: 200 },
  importRuns: quick ? 3 : 9,
};

const started = performance.now();
// Other work on the machine skews every ratio; the load average goes into RESULTS.md with them.
const loadAtStart = loadavg()
  .map((value) => value.toFixed(2))
  .join(", ");
const rows: Row[] = [];
const step = async (name: string, measure: () => Promise<Row[]>): Promise<void> => {
  const begin = performance.now();
  process.stderr.write(`bench: ${name}...`);
  rows.push(...(await measure()));
  process.stderr.write(` ${((performance.now() - begin) / 1000).toFixed(1)} s\n`);
};

await step("size", measureSize);
await step("import time", () => measureImportTime(settings.importRuns));
const server = await startServer();
try {
  await step("overhead, concurrency 1", () => measureOverhead(server, 1, settings.overhead1));
  await step("overhead, concurrency 50", () => measureOverhead(server, 50, settings.overhead50));
  await step("pagination", () => measurePagination(server, settings.pagination));
} finally {
  await server.stop();
}
await step("load and rate limit", () => measureLoad(settings.load));

const seconds = (performance.now() - started) / 1000;
const missed = rows.filter((row) => row.ok === false);
const table = markdownTable(rows);
const summary =
  missed.length === 0
    ? "All targets met."
    : `${missed.length} target(s) missed: ${missed.map((row) => `${row.section}: ${row.measure}`).join("; ")}.`;
process.stdout.write(`\n${table}\n\n${machine()}; ${seconds.toFixed(0)} s\n${summary}\n`);

if (!quick) {
  writeFileSync(
    new URL("./RESULTS.md", import.meta.url),
    [
      "# Benchmark results",
      "",
      `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC. ${machine()}; load average ${loadAtStart} at the start. The run took ${seconds.toFixed(0)} s.`,
      "How each number is measured, and why a target is missed, is in [README.md](README.md).",
      "",
      table,
      "",
      `Settings: ${JSON.stringify(settings)}`,
      "",
      summary,
      "",
    ].join("\n"),
  );
}
process.exitCode = missed.length === 0 ? 0 : 1;
