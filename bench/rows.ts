/**
 * A Dataset's rows: what the parsers add to a bundle (rows-size.ts); rows per second of `mode.datasets.results` against plain `fetch` with the
 * same parser, interleaved rounds against one bench server; then the heap a fresh process grows
 * while it reads 1,000,000 rows (about 100 MB of CSV) through `results`, and through the baseline
 * for comparison.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { fixed, MB, type Row } from "./report.js";
import { type RowsFormat, rowReaders } from "./rows-readers.js";
import { measureRowsSize } from "./rows-size.js";
import { type BenchServer, startServer } from "./server-process.js";
import { interleavedRounds, median } from "./stats.js";

export interface RowsSettings {
  /** Rows per read in the rate rounds, by format (a JSON row is about half again as long). */
  rateRows: Record<RowsFormat, number>;
  rounds: number;
  /** Rows the memory child reads. */
  memoryRows: number;
}

/**
 * Targets: results at least this share of the baseline's rows/s, and at most this growth of the
 * heap (V8's heap and the ArrayBuffers outside it together: a body held whole would sit in the
 * latter, and a row kept per row in the former).
 */
export const MIN_RATE_RATIO = 0.8;
export const MAX_HEAP_GROWTH_BYTES = 48_000_000;

const execFileAsync = promisify(execFile);
const memoryChild = fileURLToPath(new URL("./rows-memory.ts", import.meta.url));

export async function measureRows(settings: RowsSettings): Promise<Row[]> {
  const server = await startServer();
  try {
    const rows: Row[] = await measureRowsSize();
    for (const format of ["csv", "json"] as const)
      rows.push(...(await rate(server, format, settings)));
    rows.push(...(await memory(server, settings.memoryRows)));
    return rows;
  } finally {
    await server.stop();
  }
}

async function rate(
  server: BenchServer,
  format: RowsFormat,
  settings: RowsSettings,
): Promise<Row[]> {
  const readers = rowReaders(server.origin);
  const count = settings.rateRows[format];
  const variants = [
    {
      name: `fetch + ${format === "csv" ? "papaparse" : "@streamparser/json"}`,
      read: readers.baseline[format],
    },
    { name: `mode.datasets.results({ format: "${format}" })`, read: readers.results[format] },
  ];
  // Warm-up: both paths loaded and compiled before anything counts.
  for (const { read } of variants) await read(count);
  // CPU time of this process per row: the server runs in its own, so this is the reader's work
  // alone, and moves less than wall time when other work shares the cores.
  const cpuPerRow = variants.map(() => [] as number[]);
  const rounds = await interleavedRounds(variants.length, settings.rounds, async (index) => {
    const begin = performance.now();
    const cpu = process.cpuUsage();
    await (variants[index] as (typeof variants)[number]).read(count);
    const { user, system } = process.cpuUsage(cpu);
    cpuPerRow[index]?.push((user + system) / count);
    return count / ((performance.now() - begin) / 1000);
  });
  const rates = variants.map((_, index) => rounds.map((round) => round[index] as number));
  const ratios = rounds.map((round) => (round[1] as number) / (round[0] as number));
  const ratio = median(ratios);
  const [baselineCpu, resultsCpu] = cpuPerRow.map((values) => median(values)) as [number, number];
  const section = `rows, ${format.toUpperCase()}, ${fixed(count)} rows a read, ${settings.rounds} interleaved rounds`;
  return [
    { section, measure: `${variants[0]?.name} rows/s`, value: fixed(median(rates[0] as number[])) },
    {
      section,
      measure: `${variants[1]?.name} rows/s (ratio to the baseline, median of rounds)`,
      value: `${fixed(median(rates[1] as number[]))} (${ratio.toFixed(3)}x)`,
      target: `>= ${MIN_RATE_RATIO.toFixed(2)}x`,
      ok: ratio >= MIN_RATE_RATIO,
    },
    {
      section,
      measure: "CPU time of the reading process per row: baseline / results, median of rounds",
      value: `${baselineCpu.toFixed(2)} µs / ${resultsCpu.toFixed(2)} µs`,
    },
  ];
}

interface Growth {
  rows: number;
  bytes: number;
  heapGrowth: number;
  arrayBufferGrowth: number;
}

async function memory(server: BenchServer, count: number): Promise<Row[]> {
  const results = await heapGrowth(server, "results", count);
  const baseline = await heapGrowth(server, "baseline", count);
  const section = `rows memory, ${fixed(count)} rows of CSV (${MB(results.bytes)}), fresh process, gc every 10,000 rows`;
  return [
    {
      section,
      measure: "fetch + papaparse: peak growth of heapUsed; of arrayBuffers",
      value: `${MB(baseline.heapGrowth)}; ${MB(baseline.arrayBufferGrowth)}`,
    },
    {
      section,
      measure: "mode.datasets.results: peak growth of heapUsed; of arrayBuffers",
      value: `${MB(results.heapGrowth)}; ${MB(results.arrayBufferGrowth)}`,
      target: `heapUsed + arrayBuffers <= ${MB(MAX_HEAP_GROWTH_BYTES)}`,
      ok: results.heapGrowth + results.arrayBufferGrowth <= MAX_HEAP_GROWTH_BYTES,
    },
  ];
}

async function heapGrowth(
  server: BenchServer,
  reader: "results" | "baseline",
  count: number,
): Promise<Growth> {
  const { stdout } = await execFileAsync(
    process.execPath,
    ["--expose-gc", "--import", "tsx", memoryChild, server.origin, reader, String(count)],
    { encoding: "utf8" },
  );
  return JSON.parse(stdout) as Growth;
}
