import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createModeClient, paginate } from "../src/index.js";
import { fixed, MB, type Row } from "./report.js";
import type { BenchServer } from "./server-process.js";
import { interleavedRounds, median } from "./stats.js";
import { ACCOUNT, SECRET, TOKEN, UNTHROTTLED } from "./variants.js";

export interface PaginationSettings {
  items: number;
  perPage: number;
  rounds: number;
  /** Item counts whose memory growth is compared, smallest first. */
  memoryItems: readonly [number, number];
}

/**
 * Flat means the larger walk retains no more than this much beyond the smaller one. One Dataset
 * is about 3.5 kB as JSON and several times that as objects, so keeping even a tenth of 9,000
 * extra items would blow far past it; V8's own bookkeeping grows a few hundred kB.
 */
export const MAX_EXTRA_HEAP_BYTES = 2_000_000;

const execFileAsync = promisify(execFile);
const memoryChild = fileURLToPath(new URL("./pagination-memory.ts", import.meta.url));

/** Items per second through `paginate` against a hand-written raw fetch page loop, interleaved. */
export async function measurePagination(
  server: BenchServer,
  settings: PaginationSettings,
): Promise<Row[]> {
  const { items, perPage } = settings;
  const space = `items-${items}`;
  const client = createModeClient({
    baseUrl: server.origin,
    token: TOKEN,
    secret: SECRET,
    rateLimit: UNTHROTTLED,
  });
  const authorization = `Basic ${Buffer.from(`${TOKEN}:${SECRET}`).toString("base64")}`;
  const walks = [
    {
      name: "raw fetch page loop",
      async walk(): Promise<number> {
        let seen = 0;
        for (let page = 1; ; page++) {
          const url = `${server.origin}/${ACCOUNT}/spaces/${space}/datasets?page=${page}&per_page=${perPage}`;
          const response = await fetch(url, {
            headers: { Accept: "application/hal+json", Authorization: authorization },
          });
          if (!response.ok) throw new Error(`raw page ${page} got ${response.status}`);
          const body = (await response.json()) as {
            _embedded: { reports: unknown[] };
            pagination?: { total_pages?: number };
          };
          seen += body._embedded.reports.length;
          if (
            body._embedded.reports.length === 0 ||
            page >= (body.pagination?.total_pages ?? Infinity)
          )
            return seen;
        }
      },
    },
    {
      name: "paginate(createModeClient)",
      async walk(): Promise<number> {
        let seen = 0;
        const pages = paginate(client, "/{account}/spaces/{space}/datasets", {
          params: { path: { account: ACCOUNT, space }, query: { per_page: perPage } },
        });
        for await (const _ of pages) seen++;
        return seen;
      },
    },
  ];
  for (const { walk } of walks) await walk();
  const rounds = await interleavedRounds(walks.length, settings.rounds, async (index) => {
    const begin = performance.now();
    const seen = await (walks[index] as (typeof walks)[number]).walk();
    if (seen !== items)
      throw new Error(`${walks[index]?.name} saw ${seen} items, expected ${items}`);
    return seen / ((performance.now() - begin) / 1000);
  });
  const rates = walks.map((_, index) => rounds.map((round) => round[index] as number));
  const ratios = rounds.map((round) => (round[1] as number) / (round[0] as number));
  const section = `pagination, ${fixed(items)} items / ${perPage} per page`;
  const rows: Row[] = walks.map((walk, index) => ({
    section,
    measure: `${walk.name} items/s`,
    value: fixed(median(rates[index] as number[])),
  }));
  rows.push({
    section,
    measure: "paginate ratio to raw page loop",
    value: `${median(ratios).toFixed(3)}x`,
  });

  const [small, large] = settings.memoryItems;
  const smallGrowth = await heapGrowth(server, small);
  const largeGrowth = await heapGrowth(server, large);
  const memorySection = "pagination memory (fresh process, gc per page)";
  rows.push(
    // heapUsed after a full GC only: rss follows V8's reservations and moves by tens of MB run to run.
    {
      section: memorySection,
      measure: `peak heap growth at ${fixed(small)} items`,
      value: MB(smallGrowth.heapGrowth),
    },
    {
      section: memorySection,
      measure: `peak heap growth at ${fixed(large)} items`,
      value: MB(largeGrowth.heapGrowth),
      target: `flat: <= ${fixed(small)}-item growth + ${MB(MAX_EXTRA_HEAP_BYTES)}`,
      ok: largeGrowth.heapGrowth <= smallGrowth.heapGrowth + MAX_EXTRA_HEAP_BYTES,
    },
  );
  return rows;
}

async function heapGrowth(server: BenchServer, items: number): Promise<{ heapGrowth: number }> {
  const { stdout } = await execFileAsync(
    process.execPath,
    ["--expose-gc", "--import", "tsx", memoryChild, server.origin, String(items)],
    {
      encoding: "utf8",
    },
  );
  return JSON.parse(stdout) as { heapGrowth: number };
}
