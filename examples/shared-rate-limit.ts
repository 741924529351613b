// Several worker processes on one Mode token, sharing one rate limit through Redis: together they
// keep to Mode's 40 requests per 10 s, and one worker's 429 pauses them all.
//   npx tsx examples/shared-rate-limit.ts [--workers 4] [--calls 20] [--interval-ms 10000]
//     [--account northwind] [--dataset 5a4177a2902c]
// REDIS_URL names the Redis they share (default redis://127.0.0.1:6379). The API is the mock of
// `npm run mock` unless MODE_BASE_URL, MODE_API_TOKEN and MODE_API_SECRET are set. Exit code 0 when
// every call succeeded, 1 otherwise.
// In your own code, import from "mode-datasets" and "mode-datasets/redis" instead of "../src/…".
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import { createModeDatasets, ModeApiError } from "../src/index.js";
import { createRedisRateLimiter, RedisUnavailableError } from "../src/redis/index.js";

const { values } = parseArgs({
  options: {
    workers: { type: "string", default: "4" },
    calls: { type: "string", default: "20" },
    "interval-ms": { type: "string", default: "10000" },
    account: { type: "string", default: "northwind" },
    dataset: { type: "string", default: "5a4177a2902c" },
    worker: { type: "string" },
  },
});

if (values.worker === undefined) {
  // The parent only starts the workers, as a process manager or a job scheduler would.
  const workers = Array.from({ length: Number(values.workers) }, (_, index) =>
    fork(fileURLToPath(import.meta.url), [...process.argv.slice(2), "--worker", String(index + 1)]),
  );
  const codes = await Promise.all(
    workers.map(
      (child) => new Promise<number>((done) => child.once("exit", (code) => done(code ?? 1))),
    ),
  );
  console.log(`${codes.filter((code) => code === 0).length} of ${codes.length} workers succeeded.`);
  process.exit(codes.every((code) => code === 0) ? 0 : 1);
}

// One worker: its own Redis connection and its own client, and the budget they all share.
const baseUrl = process.env["MODE_BASE_URL"] || "http://127.0.0.1:4010";
const token = process.env["MODE_API_TOKEN"] || "mock-token";
const redis = new Redis(process.env["REDIS_URL"] || "redis://127.0.0.1:6379");
redis.on("error", () => undefined); // the limiter reports an outage itself, once
const rateLimiter = createRedisRateLimiter({
  redis,
  // The budget belongs to the token: only a hash of it is stored in Redis.
  token,
  requests: 40,
  intervalMs: Number(values["interval-ms"]),
  // While Redis is away each worker keeps to the limit on its own (and says so once); leave it
  // out to fail calls with RedisUnavailableError instead.
  onRedisError: "local",
});
const mode = createModeDatasets({
  baseUrl,
  token,
  secret: process.env["MODE_API_SECRET"] || "mock-secret",
  rateLimiter,
});

let failed = 0;
for (let call = 0; call < Number(values.calls); call++) {
  try {
    await mode.datasets.get({ account: values.account, dataset: values.dataset });
  } catch (error) {
    failed++;
    if (error instanceof ModeApiError || error instanceof RedisUnavailableError) {
      console.error(`worker ${values.worker}: ${error.message}`);
    } else throw error;
  }
}
console.log(`worker ${values.worker}: ${values.calls} calls, ${failed} failed`);
// The last releases reach Redis before the connection goes, or the other workers would count
// their slots until the leases end.
await rateLimiter.flush();
redis.disconnect();
process.exit(failed === 0 ? 0 : 1);
