/**
 * Child process (run with --expose-gc): reads a Dataset's N rows of CSV from the bench server,
 * through `mode.datasets.results` or through the fetch + papaparse baseline, and prints as JSON
 * how far the heap grew above where it started. A full GC before each sample makes the number
 * what the reading retains (anything held per row grows it with N), not when V8 happened to
 * collect. The body's bytes live outside the V8 heap, in ArrayBuffers: their growth is printed
 * too, so a body held whole would show even though heapUsed would not count it.
 * Usage: node --expose-gc --import tsx bench/rows-memory.ts <origin> <results|baseline> <rows>
 */
import { rowReaders } from "./rows-readers.js";

/** Rows between two samples: 100 samples over 1,000,000 rows. */
const SAMPLE_EVERY = 10_000;

const [origin = "", reader = "", rowsArgument = ""] = process.argv.slice(2);
const rows = Number(rowsArgument);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");
if (
  !origin ||
  (reader !== "results" && reader !== "baseline") ||
  !Number.isInteger(rows) ||
  rows < 1
)
  throw new Error(
    `usage: rows-memory.ts <origin> <results|baseline> <rows>, got ${process.argv.slice(2).join(" ")}`,
  );

const read = rowReaders(origin)[reader].csv;
// Warm-up: load the parser and compile the path once, so the baseline includes the code.
await read(SAMPLE_EVERY);
gc();
const start = process.memoryUsage();
let peakHeap = start.heapUsed;
let peakArrayBuffers = start.arrayBuffers;
const sample = (): void => {
  gc();
  const now = process.memoryUsage();
  peakHeap = Math.max(peakHeap, now.heapUsed);
  peakArrayBuffers = Math.max(peakArrayBuffers, now.arrayBuffers);
};
const done = await read(rows, (count) => {
  if (count % SAMPLE_EVERY === 0) sample();
});
process.stdout.write(
  JSON.stringify({
    rows: done.rows,
    bytes: done.bytes,
    heapGrowth: peakHeap - start.heapUsed,
    arrayBufferGrowth: peakArrayBuffers - start.arrayBuffers,
  }),
);
