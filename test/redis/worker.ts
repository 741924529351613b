/**
 * One worker process, as a team runs them: its own Redis client, its own Mode client, and either
 * the limiter shared through Redis or (the control) its own in-process one. Started by
 * worker-pool.ts with its settings as JSON in argv; says "ready", waits for "go", sends its
 * requests, reports and exits.
 */
import type { WorkerReport, WorkerSettings } from "./worker-pool.js";

const settings = JSON.parse(process.argv[2] ?? "{}") as WorkerSettings;

// This host's clock, off by `skewMs`, before anything reads it: the shared budget must not care.
if (settings.skewMs) {
  const realDateNow = Date.now.bind(Date);
  const realNow = performance.now.bind(performance);
  Date.now = () => realDateNow() + settings.skewMs;
  performance.now = () => realNow() + settings.skewMs;
}

const { createRateLimiter } = await import("../../src/resilience/rate-limiter.js");
const { createRedisRateLimiter } = await import("../../src/redis/index.js");
type Limiter = import("../../src/redis/index.js").RateLimiter;

const warnings: string[] = [];
const logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => warnings.push(message),
  error: (message: string) => warnings.push(message),
};

const { connect } = await import("./clients.js");
const connection = settings.shared ? await connect(settings.client, settings.redisPort) : undefined;
const limiter: Limiter = connection
  ? createRedisRateLimiter({
      redis: connection.redis,
      requests: settings.limit.requests,
      intervalMs: settings.limit.intervalMs,
      token: settings.token,
      logger,
    })
  : createRateLimiter(settings.limit);

/** One call as the client makes it: a slot per attempt, a 429's Retry-After paused and retried. */
async function call(): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const release = await limiter.acquire();
    let response: Response;
    try {
      response = await fetch(`${settings.baseUrl}/northwind/datasets/5a4177a2902c`, {
        headers: { "x-worker": settings.name },
      });
      await response.arrayBuffer();
    } finally {
      release();
    }
    const retryAfter = Number(response.headers.get("retry-after")) * 1000;
    if (response.status !== 429 || attempt === 3 || !(retryAfter > 0)) return response.status;
    await limiter.pause?.(retryAfter);
    await new Promise((resolve) => setTimeout(resolve, retryAfter));
  }
}

process.send?.({ type: "ready" });
process.once("message", async () => {
  const report: WorkerReport = { name: settings.name, statuses: {}, errors: [], warnings };
  let next = 0;
  await Promise.all(
    Array.from({ length: settings.concurrency }, async () => {
      while (next < settings.requests) {
        next++;
        try {
          const status = await call();
          report.statuses[status] = (report.statuses[status] ?? 0) + 1;
        } catch (error) {
          report.errors.push(
            error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          );
        }
      }
    }),
  );
  await connection?.close();
  process.send?.({ type: "done", report }, () => process.exit(0));
});
