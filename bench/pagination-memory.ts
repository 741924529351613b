/**
 * Child process (run with --expose-gc): walks a listing of N datasets with `paginate` and prints,
 * as JSON, how far the heap grew above where it started. A full GC before each sample makes the
 * number what pagination retains (a leak grows it with N), not when V8 happened to collect.
 * Usage: node --expose-gc --import tsx bench/pagination-memory.ts <origin> <items>
 */
import { createModeClient, paginate } from "../src/index.js";
import { ACCOUNT, SECRET, TOKEN, UNTHROTTLED } from "./variants.js";

const [origin = "", itemsArgument = ""] = process.argv.slice(2);
const items = Number(itemsArgument);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");
if (!origin || !Number.isInteger(items) || items < 1)
  throw new Error(
    `usage: pagination-memory.ts <origin> <items>, got ${process.argv.slice(2).join(" ")}`,
  );

const client = createModeClient({
  baseUrl: origin,
  token: TOKEN,
  secret: SECRET,
  rateLimit: UNTHROTTLED,
});
const walk = (space: string) =>
  paginate(client, "/{account}/spaces/{space}/datasets", {
    params: { path: { account: ACCOUNT, space }, query: { per_page: 30 } },
  });

// Warm-up: load and compile everything on the path once, so the baseline includes the code.
for await (const _ of walk("items-90"));
gc();
const baseline = process.memoryUsage().heapUsed;
let peak = baseline;
let seen = 0;
for await (const item of walk(`items-${items}`)) {
  if (typeof item.token !== "string") throw new Error("an item without a token");
  seen++;
  if (seen % 30 === 0) {
    gc();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
}
if (seen !== items) throw new Error(`paginate yielded ${seen} items, expected ${items}`);
process.stdout.write(JSON.stringify({ items: seen, heapGrowth: peak - baseline }));
