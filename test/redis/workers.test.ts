// Several worker PROCESSES, each with its own Redis client and its own client of the API, share
// one budget through Redis against a loopback API that enforces the limit: they draw no 429,
// where the same workers each with their own in-process limiter do; one worker's 429 holds the
// others off; and hosts whose clocks disagree change nothing.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { startLimitServer } from "./limit-server.js";
import { type RedisServer, startRedisServer } from "./redis-server.js";
import { runWorkers, type WorkerReport, type WorkerSettings } from "./worker-pool.js";

// Mode's 40 per 10 s with time divided by 10.
const LIMIT = { requests: 40, intervalMs: 1_000 };
const TOKEN = "d0a6c4ab2b13";

// Worker processes take seconds to start on a busy machine; the pool gives up after 100 s.
const slow = { timeout: 120_000 };

describe.skipIf(!inject("redisServer"))("worker processes sharing one budget", slow, () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  const workers = (count: number, overrides: Partial<WorkerSettings> & { baseUrl: string }) =>
    Array.from(
      { length: count },
      (_, index): WorkerSettings => ({
        name: `worker-${index + 1}`,
        // Both Redis clients share the one budget: half the workers use each.
        client: index % 2 === 0 ? "ioredis" : "node-redis",
        shared: true,
        redisPort: redis.port,
        token: TOKEN,
        limit: LIMIT,
        requests: 60,
        concurrency: 10,
        skewMs: 0,
        ...overrides,
      }),
    );
  const total = (reports: WorkerReport[], status: number): number =>
    reports.reduce((sum, report) => sum + (report.statuses[status] ?? 0), 0);

  test("four workers make 240 calls against a server enforcing 40 per second and draw no 429", async () => {
    const api = await startLimitServer({ limit: { requests: 40, windowMs: 1_000 } });
    try {
      const reports = await runWorkers(workers(4, { baseUrl: api.baseUrl, token: "ac3d9f0e6b21" }));
      expect(reports.flatMap((report) => report.errors)).toEqual([]);
      expect(total(reports, 200)).toBe(240);
      expect(api.arrivals.filter((arrival) => arrival.status === 429)).toEqual([]);
      expect(api.arrivals).toHaveLength(240);
    } finally {
      await api.stop();
    }
  });

  test("the same workers each with its own in-process limiter draw 429s (the control)", async () => {
    const api = await startLimitServer({ limit: { requests: 40, windowMs: 1_000 } });
    try {
      await runWorkers(workers(4, { baseUrl: api.baseUrl, shared: false }));
      expect(api.arrivals.filter((arrival) => arrival.status === 429).length).toBeGreaterThan(0);
    } finally {
      await api.stop();
    }
  });

  test("workers whose clocks are an hour apart still draw no 429", async () => {
    const api = await startLimitServer({ limit: { requests: 40, windowMs: 1_000 } });
    try {
      const hour = 3_600_000;
      const skewed = workers(3, { baseUrl: api.baseUrl, token: "5e1f7c2a9d04" }).map(
        (settings, index) => ({ ...settings, skewMs: [-hour, 0, hour][index] ?? 0 }),
      );
      const reports = await runWorkers(skewed);
      expect(reports.flatMap((report) => report.errors)).toEqual([]);
      expect(total(reports, 200)).toBe(180);
      expect(api.arrivals.filter((arrival) => arrival.status === 429)).toEqual([]);
    } finally {
      await api.stop();
    }
  });

  // The budget is far above what three one-at-a-time workers send, so only a pause holds them.
  const RETRY_AFTER_MS = 3_000;
  const pauseRun = async (shared: boolean) => {
    const api = await startLimitServer({
      latencyMs: 300,
      refuseArrival: { number: 10, retryAfterSeconds: RETRY_AFTER_MS / 1000 },
    });
    try {
      const reports = await runWorkers(
        workers(3, {
          baseUrl: api.baseUrl,
          shared,
          token: shared ? "9b7e3d51c0fa" : TOKEN,
          limit: { requests: 1_000, intervalMs: 1_000 },
          requests: 15,
          concurrency: 1,
        }),
      );
      const refusedAt = api.refusedAt();
      const refused = api.arrivals.find((arrival) => arrival.at === refusedAt);
      if (refusedAt === undefined || !refused) throw new Error("the server refused nothing");
      const between = (from: number, to: number) =>
        api.arrivals.filter(
          (arrival) => arrival.at > refusedAt + from && arrival.at < refusedAt + to,
        );
      return { reports, refused, between };
    } finally {
      await api.stop();
    }
  };

  test("one worker's 429 with Retry-After holds every worker off until it ends", async () => {
    const { reports, refused, between } = await pauseRun(true);
    expect(reports.flatMap((report) => report.errors)).toEqual([]);
    expect(total(reports, 200)).toBe(45);
    // The refused worker's retry waits the pause out.
    expect(
      between(0, RETRY_AFTER_MS).filter((arrival) => arrival.worker === refused.worker),
    ).toEqual([]);
    // The others may have had a call granted before the pause reached Redis (on a busy machine
    // that can take a while); a second on, nothing of theirs arrives until the pause ends.
    expect(between(1_000, RETRY_AFTER_MS)).toEqual([]);
  });

  test("without the shared limiter the other workers go on sending through the pause", async () => {
    const { between } = await pauseRun(false);
    expect(between(1_000, RETRY_AFTER_MS).length).toBeGreaterThan(2);
  });
});
