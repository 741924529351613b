/**
 * `npm run bench`: overhead, size, pagination, load, a workspace walk, waitForRun and a Dataset's
 * rows, printed as one table and written to bench/RESULTS.md. Exits 1 when a target in
 * bench/README.md is missed. `--quick` runs fewer rounds (for trying the harness, not for RESULTS.md).
 * `--only walk,wait` runs only the named sections and replaces only their rows in RESULTS.md,
 * so one part can be re-measured without re-running (and re-noising) the rest.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { measureImportTime } from "./import-time.js";
import { measureLoad } from "./load.js";
import { measureOverhead } from "./overhead.js";
import { measurePagination } from "./pagination.js";
import { measureRedis, REDIS_BENCH } from "./redis-limit.js";
import { machine, markdownTable, parseMarkdownTable, type Row } from "./report.js";
import { measureRows } from "./rows.js";
import { type BenchServer, startServer } from "./server-process.js";
import { measureSize } from "./size.js";
import { measureWaitForRun } from "./wait-for-run.js";
import { measureWalk } from "./walk.js";

const quick = process.argv.includes("--quick");
const onlyAt = process.argv.indexOf("--only");
const only = onlyAt === -1 ? undefined : (process.argv[onlyAt + 1] ?? "").split(",");
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
  importRuns: quick ? 3 : 31,
  // Mode's 40 per 10 s scaled to 40 per 1 s; 20 ms stands for Mode's ~200 ms a call.
  walk: { spaces: 50, datasets: 5_000, timeScale: 10, latencyMs: 20, rounds: quick ? 1 : 3 },
  // The defaults' waits, a 30 s run and a 60 s timeout (the run that ends is seen ending well
  // before it), all divided by 10.
  wait: { timeScale: 10, latencyMs: 20, runMs: 30_000, timeoutMs: 60_000 },
  rows: { rateRows: { csv: 200_000, json: 100_000 }, rounds: quick ? 1 : 7, memoryRows: 1_000_000 },
};

let server: BenchServer | undefined;
const sharedServer = async (): Promise<BenchServer> => {
  server ??= await startServer();
  return server;
};

/** Each section, with the prefixes of the table sections its rows go under. */
const steps: { name: string; prefixes: string[]; measure: () => Promise<Row[]> }[] = [
  { name: "size", prefixes: ["size"], measure: measureSize },
  {
    name: "import",
    prefixes: ["import time"],
    measure: () => measureImportTime(settings.importRuns),
  },
  {
    name: "overhead1",
    prefixes: ["overhead, concurrency 1"],
    measure: async () => measureOverhead(await sharedServer(), 1, settings.overhead1),
  },
  {
    name: "overhead50",
    prefixes: ["overhead, concurrency 50"],
    measure: async () => measureOverhead(await sharedServer(), 50, settings.overhead50),
  },
  {
    name: "pagination",
    prefixes: ["pagination"],
    measure: async () => {
      const rows = await measurePagination(await sharedServer(), settings.pagination);
      await server?.stop();
      server = undefined;
      return rows;
    },
  },
  { name: "load", prefixes: ["load", "rate limit"], measure: () => measureLoad(settings.load) },
  { name: "walk", prefixes: ["workspace walk"], measure: () => measureWalk(settings.walk) },
  { name: "wait", prefixes: ["waitForRun"], measure: () => measureWaitForRun(settings.wait) },
  { name: "rows", prefixes: ["rows"], measure: () => measureRows(settings.rows) },
  { name: "redis", prefixes: ["redis"], measure: () => measureRedis(REDIS_BENCH) },
];
const unknown = only?.filter((name) => !steps.some((step) => step.name === name)) ?? [];
if (unknown.length > 0 || (only && only.length === 0)) {
  process.stderr.write(
    `bench: --only takes a comma-separated list of ${steps.map((step) => step.name).join(", ")}; got ${JSON.stringify(only?.join(","))}\n`,
  );
  process.exit(2);
}
const chosen = steps.filter((step) => !only || only.includes(step.name));

const started = performance.now();
// Other work on the machine skews every ratio; the load average goes into RESULTS.md with them.
const loadAtStart = loadavg()
  .map((value) => value.toFixed(2))
  .join(", ");
// Said in words, since a busy machine lowers every rate and ratio measured on it.
const busy =
  (loadavg()[0] ?? 0) > cpus().length
    ? ` The machine was busy (more runnable work than its ${cpus().length} cores), so rates and ratios are lower than on an idle one.`
    : "";
const rows: Row[] = [];
try {
  for (const step of chosen) {
    const begin = performance.now();
    process.stderr.write(`bench: ${step.name}...`);
    rows.push(...(await step.measure()));
    process.stderr.write(` ${((performance.now() - begin) / 1000).toFixed(1)} s\n`);
  }
} finally {
  await server?.stop();
}

const seconds = (performance.now() - started) / 1000;
const summarise = (all: readonly Row[]): string => {
  const missed = all.filter((row) => row.ok === false);
  return missed.length === 0
    ? "All targets met."
    : `${missed.length} target(s) missed: ${missed.map((row) => `${row.section}: ${row.measure}`).join("; ")}.`;
};
const when = new Date().toISOString().slice(0, 16).replace("T", " ");
process.stdout.write(
  `\n${markdownTable(rows)}\n\n${machine()}; ${seconds.toFixed(0)} s\n${summarise(rows)}\n`,
);

const resultsUrl = new URL("./RESULTS.md", import.meta.url);
if (!quick && !only) {
  writeFileSync(
    resultsUrl,
    [
      "# Benchmark results",
      "",
      `Written by \`npm run bench\` on ${when} UTC. ${machine()}; load average ${loadAtStart} at the start. The run took ${seconds.toFixed(0)} s.${busy}`,
      "How each number is measured, and why a target is missed, is in [README.md](README.md).",
      "",
      markdownTable(rows),
      "",
      `Settings: ${JSON.stringify(settings)}`,
      "",
      summarise(rows),
      "",
    ].join("\n"),
  );
} else if (!quick && only) {
  // Only the sections run are replaced; every other row stays as the last full run left it.
  const previous = readFileSync(resultsUrl, "utf8");
  const prefixes = chosen.flatMap((step) => step.prefixes);
  const kept = parseMarkdownTable(previous).filter(
    (row) => !prefixes.some((prefix) => row.section.startsWith(prefix)),
  );
  const merged = [...kept, ...rows];
  const lines = previous.split("\n");
  const intro = lines.slice(
    0,
    lines.findIndex((line) => line.startsWith("| section")),
  );
  const rerun = `\`npm run bench -- --only ${only.join(",")}\` re-measured those rows on ${when} UTC. ${machine()}; load average ${loadAtStart} at the start. That run took ${seconds.toFixed(0)} s; the other rows are from the run above.${busy}`;
  const introKept = intro.filter((line) => !line.startsWith("`npm run bench -- --only"));
  const blank = introKept.lastIndexOf("");
  introKept.splice(blank, 0, rerun);
  const settingsLine = lines.find((line) => line.startsWith("Settings: ")) ?? "";
  writeFileSync(
    resultsUrl,
    [
      ...introKept,
      markdownTable(merged),
      "",
      settingsLine.replace(/^Settings: .*$/, `Settings: ${JSON.stringify(settings)}`),
      "",
      summarise(merged),
      "",
    ].join("\n"),
  );
}
process.exitCode = rows.some((row) => row.ok === false) ? 1 : 0;
