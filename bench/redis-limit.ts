/**
 * The limiter shared through Redis (`mode-datasets/redis`): four worker processes against a
 * server enforcing the limit, with it (no 429, close to the fastest the limit allows) and without
 * it (each worker's own in-process limiter: 429s); what one acquisition costs against an
 * in-process one; and that the main entry carries none of it. Skipped, with a row saying so,
 * where redis-server is not on PATH. Reuses the Redis suite's server and worker pool, so the bench
 * measures exactly what the tests check.
 */
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { createRateLimiter } from "../src/resilience/rate-limiter.js";
import { createRedisRateLimiter } from "../src/redis/index.js";
import { CLIENT_KINDS, connect } from "../test/redis/clients.js";
import { findRedisServer, type RedisServer, startRedisServer } from "../test/redis/redis-server.js";
import { runWorkers, type WorkerSettings } from "../test/redis/worker-pool.js";
import { fixed, kB, type Row } from "./report.js";
import { startServer } from "./server-process.js";
import { median } from "./stats.js";

export interface RedisBenchSettings {
  workers: number;
  /** Calls in all, shared evenly between the workers. */
  requests: number;
  /** The server's limit and the limiters': Mode's 40 per 10 s, time divided by 10. */
  limit: { requests: number; intervalMs: number };
  /** Acquire-and-release pairs timed per round, and rounds (median shown). */
  acquisitions: number;
  rounds: number;
}

/** One run's settings: 240 calls from 4 workers, as the Redis suite's acceptance test makes. */
export const REDIS_BENCH: RedisBenchSettings = {
  workers: 4,
  requests: 240,
  limit: { requests: 40, intervalMs: 1_000 },
  acquisitions: 2_000,
  rounds: 5,
};

const MAX_FLOOR_RATIO = 1.15;
const root = fileURLToPath(new URL("..", import.meta.url));

export async function measureRedis(settings: RedisBenchSettings): Promise<Row[]> {
  const size = await mainEntryRows();
  if (!findRedisServer()) {
    process.stderr.write(" skipped: redis-server is not on PATH");
    return [
      ...size,
      {
        section: "redis shared limiter",
        measure: "skipped: redis-server is not on PATH (apt-get install redis-server)",
        value: "",
      },
    ];
  }
  const redis = await startRedisServer();
  try {
    return [...size, ...(await workersRows(redis, settings)), ...(await costRows(redis, settings))];
  } finally {
    await redis.stop();
  }
}

async function workersRows(redis: RedisServer, settings: RedisBenchSettings): Promise<Row[]> {
  const { workers, requests, limit } = settings;
  const section = `redis shared limiter, ${workers} worker processes, ${fixed(requests)} calls, server allows ${limit.requests} per ${fixed(limit.intervalMs)} ms`;
  // n calls need at least (ceil(n / requests) - 1) whole windows between first and last arrival.
  const floorMs = (Math.ceil(requests / limit.requests) - 1) * limit.intervalMs;
  const run = async (shared: boolean, processes = workers) => {
    const server = await startServer({
      rateLimit: { requests: limit.requests, windowMs: limit.intervalMs },
      recordArrivals: true,
    });
    try {
      const reports = await runWorkers(
        Array.from(
          { length: processes },
          (_, index): WorkerSettings => ({
            name: `worker-${index + 1}`,
            client: CLIENT_KINDS[index % CLIENT_KINDS.length] ?? "ioredis",
            shared,
            redisPort: redis.port,
            baseUrl: server.origin,
            token: `bench${shared ? "shared" : "local"}${Date.now()}`,
            limit,
            requests: requests / processes,
            concurrency: (10 * workers) / processes,
            skewMs: 0,
            warmUp: 3,
          }),
        ),
        // The warm-up calls are forgotten: the server's window starts empty.
        { beforeGo: () => server.reset() },
      );
      const stats = await server.stats();
      const times = stats.arrivals.map((arrival) => arrival.at);
      const spanMs = Math.max(...times) - Math.min(...times);
      const ok = reports.reduce((sum, report) => sum + (report.statuses[200] ?? 0), 0);
      return { stats, spanMs, ok };
    } finally {
      await server.stop();
    }
  };
  const shared = await run(true);
  const control = await run(false);
  // The same calls from one process through its in-process limiter: what this machine, at its
  // present load, makes of the limit with no Redis and no other process in the way.
  const alone = await run(false, 1);
  const ratio = shared.spanMs / floorMs;
  return [
    {
      section,
      measure: "shared through Redis: calls answered 200; 429s sent by the server",
      value: `${fixed(shared.ok)}; ${shared.stats.rateLimited}`,
      target: `${fixed(requests)}; 0`,
      ok: shared.ok === requests && shared.stats.rateLimited === 0,
    },
    {
      section,
      measure: `shared through Redis: span from first to last arrival / the fastest the limit allows (${fixed(floorMs / 1000, 1)} s)`,
      value: `${ratio.toFixed(3)} (${fixed(shared.spanMs / 1000, 2)} s)`,
      target: `<= ${MAX_FLOOR_RATIO}`,
      ok: ratio <= MAX_FLOOR_RATIO,
    },
    {
      section,
      measure:
        "baseline, one process with the in-process limiter (same calls, 40 at a time): span / fastest; 429s",
      value: `${(alone.spanMs / floorMs).toFixed(3)} (${fixed(alone.spanMs / 1000, 2)} s); ${alone.stats.rateLimited}`,
    },
    {
      section,
      measure: "control, each worker's own in-process limiter: 429s sent by the server",
      value: String(control.stats.rateLimited),
      target: "> 0",
      ok: control.stats.rateLimited > 0,
    },
  ];
}

/** Sequential acquire-then-release pairs with a budget that never binds: the bookkeeping alone. */
async function costRows(redis: RedisServer, settings: RedisBenchSettings): Promise<Row[]> {
  const unbounded = { requests: 1_000_000_000, intervalMs: 1_000 };
  const pairs = async (limiter: { acquire(): Promise<() => void> }): Promise<number> => {
    const started = performance.now();
    for (let index = 0; index < settings.acquisitions; index++) (await limiter.acquire())();
    return ((performance.now() - started) * 1000) / settings.acquisitions;
  };
  const inProcess = createRateLimiter(unbounded);
  const rows: Row[] = [];
  for (const kind of CLIENT_KINDS) {
    const client = await connect(kind, redis.port);
    try {
      const shared = createRedisRateLimiter({
        redis: client.redis,
        key: `bench:{cost-${kind}}`,
        ...unbounded,
      });
      await pairs(shared); // warm-up: the script is loaded, the connection warm
      const sharedUs: number[] = [];
      const localUs: number[] = [];
      for (let round = 0; round < settings.rounds; round++) {
        sharedUs.push(await pairs(shared));
        localUs.push(await pairs(inProcess));
      }
      rows.push({
        section: "redis shared limiter, cost of one acquisition (acquire + release, one at a time)",
        measure: `through ${kind} / in-process, median of ${settings.rounds} rounds of ${fixed(settings.acquisitions)}`,
        value: `${fixed(median(sharedUs), 1)} µs / ${fixed(median(localUs), 2)} µs`,
      });
    } finally {
      // The last release is sent without waiting for it; let it land before the client closes.
      await new Promise((resolve) => setTimeout(resolve, 100));
      await client.close();
    }
  }
  return rows;
}

/** The main entry's bundle, and that it holds nothing of the Redis entry. */
async function mainEntryRows(): Promise<Row[]> {
  const bundle = async (entry: string) => {
    const result = await build({
      stdin: { contents: `export * from "${entry}";`, resolveDir: root, loader: "ts" },
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      write: false,
      logLevel: "silent",
    });
    const code = result.outputFiles[0]?.contents ?? new Uint8Array();
    return { code, gzipped: gzipSync(code, { level: 9 }).byteLength };
  };
  const main = await bundle("./src/index.ts");
  const redis = await bundle("./src/redis/index.ts");
  // The Lua script is the Redis entry's largest and most telling piece.
  const leaked = new TextDecoder().decode(main.code).includes("ZRANGEBYSCORE");
  return [
    {
      section: "redis shared limiter, size (esbuild, minified)",
      measure: "main entry min+gzip, and whether it holds any of the Redis limiter",
      value: `${kB(main.gzipped)}; ${leaked ? "it does" : "none"}`,
      target: "none",
      ok: !leaked,
    },
    {
      section: "redis shared limiter, size (esbuild, minified)",
      measure: "mode-datasets/redis entry min+gzip (its in-process fallback included)",
      value: kB(redis.gzipped),
    },
  ];
}
