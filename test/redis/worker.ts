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

const { createModeDatasets, ModeApiError } = await import("../../src/index.js");
const { createRedisRateLimiter } = await import("../../src/redis/index.js");

const warnings: string[] = [];
const logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => warnings.push(message),
  error: (message: string) => warnings.push(message),
};

const { connect } = await import("./clients.js");
const connection = settings.shared ? await connect(settings.client, settings.redisPort) : undefined;
// The control keeps the client's own in-process limiter, scaled like the shared one.
const limiters: Array<{ flush(): Promise<void> }> = [];
const client = (token: string) => {
  const rateLimiter = connection
    ? createRedisRateLimiter({
        redis: connection.redis,
        requests: settings.limit.requests,
        intervalMs: settings.limit.intervalMs,
        token,
        logger,
      })
    : undefined;
  if (rateLimiter) limiters.push(rateLimiter);
  return createModeDatasets({
    baseUrl: settings.baseUrl,
    token,
    secret: "f3b8c1d9e4a7",
    headers: { "x-worker": settings.name },
    ...(rateLimiter ? { rateLimiter } : { rateLimit: settings.limit }),
  });
};
const mode = client(settings.token);

/** One call through the client: its retries answer a 429 after pausing the limiter. */
async function call(): Promise<number> {
  try {
    await mode.datasets.get({ account: "northwind", dataset: "5a4177a2902c" });
    return 200;
  } catch (error) {
    if (error instanceof ModeApiError && error.status !== undefined) return error.status;
    throw error;
  }
}

// Warm-up calls on a budget of their own, so that timing starts with code and connections warm.
const warm = client(`${settings.token}-warm-up`);
for (let index = 0; index < (settings.warmUp ?? 0); index++) {
  await warm.datasets.get({ account: "northwind", dataset: "5a4177a2902c" });
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
  // The last releases reach Redis before the connection closes, as the docs ask: dropped, their
  // slots would count against the workers still running until their leases end.
  await Promise.all(limiters.map((limiter) => limiter.flush()));
  await connection?.close();
  process.send?.({ type: "done", report }, () => process.exit(0));
});
