// Redis killed, frozen and restarted under the shared limiter, on each client: an acquisition
// never waits on Redis for long, fails with RedisUnavailableError or (when chosen) falls back to
// an in-process limit with one warning, and the shared budget resumes once Redis answers again.
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, test } from "vitest";
import { createModeDatasets } from "../../src/index.js";
import { createRedisRateLimiter, RedisUnavailableError } from "../../src/redis/index.js";
import { CLIENT_KINDS, type Connected, connect } from "./clients.js";
import { startLimitServer } from "./limit-server.js";
import { type RedisServer, startRedisServer } from "./redis-server.js";

/** Rejects when `promise` has not settled within `ms`: "it never hangs", as a test can say it. */
function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms);
  });
  return Promise.race([promise, hung]).finally(() => clearTimeout(timer));
}

/** Retries `attempt` until it resolves: the client reconnects on its own schedule. */
async function eventually<T>(attempt: () => Promise<T>, ms = 20_000): Promise<T> {
  const deadline = performance.now() + ms;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (performance.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const recorder = () => {
  const lines: { level: string; message: string }[] = [];
  const log = (level: string) => (message: string) => lines.push({ level, message });
  return {
    lines,
    logger: { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") },
  };
};

describe.skipIf(!inject("redisServer")).each(CLIENT_KINDS)(
  "Redis going away under the limiter on %s",
  { timeout: 60_000 },
  (kind) => {
    let server: RedisServer;
    let client: Connected;
    beforeAll(async () => {
      server = await startRedisServer();
    });
    beforeEach(async () => {
      await client?.close();
      client = await connect(kind, server.port);
    });
    afterAll(async () => {
      await client?.close();
      await server?.stop();
    });
    const budgetKeys = async (key: string): Promise<string[]> => {
      const admin = new Redis(server.port, "127.0.0.1");
      try {
        return await admin.keys(`${key}:*`);
      } finally {
        admin.disconnect();
      }
    };

    test("killed, an acquisition fails with RedisUnavailableError within the operation timeout; restarted, the budget resumes", async () => {
      const { lines, logger } = recorder();
      const key = `outage:{throw-${kind}}`;
      const shared = createRedisRateLimiter({ redis: client.redis, key, logger });
      (await shared.acquire())();
      await server.kill();
      const failure = await within(10_000, shared.acquire()).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(RedisUnavailableError);
      expect((failure as Error).message).toContain(key);
      await expect(within(10_000, shared.acquire())).rejects.toBeInstanceOf(RedisUnavailableError);
      // Never silent, never noisy: one line for the outage however many calls fail.
      expect(lines.filter((line) => line.level === "warn")).toHaveLength(1);

      await server.restart();
      (await eventually(() => shared.acquire()))();
      expect(await budgetKeys(key)).not.toEqual([]);
      expect(lines.filter((line) => line.level === "info")).toHaveLength(1);
      expect(lines.at(-1)?.message).toMatch(/shared budget resumes/);
    });

    test('killed, with onRedisError "local" calls go on under an in-process limit with one warning', async () => {
      const { lines, logger } = recorder();
      const key = `outage:{local-${kind}}`;
      const shared = createRedisRateLimiter({
        redis: client.redis,
        key,
        logger,
        onRedisError: "local",
        requests: 3,
        intervalMs: 300,
      });
      (await shared.acquire())();
      await server.kill();
      for (let call = 0; call < 5; call++) (await within(10_000, shared.acquire()))();
      expect(shared.mode).toBe("local");
      const warnings = lines.filter((line) => line.level === "warn");
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.message).toMatch(/in-process limit of 3 per 300 ms/);

      await server.restart();
      await eventually(async () => {
        (await shared.acquire())();
        if (shared.mode !== "shared") throw new Error("still local");
      });
      expect(lines.filter((line) => line.level === "info")).toHaveLength(1);
      (await shared.acquire())();
      expect(await budgetKeys(key)).not.toEqual([]);
    });

    test("frozen, an acquisition fails after the operation timeout, and the slot it may have taken is given back", async () => {
      const { logger } = recorder();
      const key = `outage:{frozen-${kind}}`;
      const shared = createRedisRateLimiter({
        redis: client.redis,
        key,
        logger,
        operationTimeoutMs: 500,
      });
      (await shared.acquire())();
      server.freeze();
      try {
        const failure = await within(10_000, shared.acquire()).catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(RedisUnavailableError);
        expect((failure as RedisUnavailableError).reason).toBe("timeout");
      } finally {
        server.thaw();
      }
      // The unanswered acquisition runs once Redis wakes; the next answer cancels its slot.
      (await eventually(() => shared.acquire()))();
      const admin = new Redis(server.port, "127.0.0.1");
      try {
        await eventually(async () => {
          const inflight = await admin.zcard(`${key}:inflight`);
          if (inflight !== 0) throw new Error(`${inflight} slots still taken`);
        }, 5_000);
      } finally {
        admin.disconnect();
      }
    });

    test("killed mid-run, every call through the client settles within 10 s, and calls go through again after a restart", async () => {
      const { logger } = recorder();
      const api = await startLimitServer({ latencyMs: 50 });
      try {
        const mode = createModeDatasets({
          baseUrl: api.baseUrl,
          token: "e2a7c90b3f15",
          secret: "7d1b4e8a0c63",
          rateLimiter: createRedisRateLimiter({
            redis: client.redis,
            token: "e2a7c90b3f15",
            requests: 5,
            intervalMs: 500,
            logger,
          }),
        });
        const get = () => mode.datasets.get({ account: "northwind", dataset: "5a4177a2902c" });
        // Five go at once, the rest wait on the budget in Redis when it dies.
        const calls = Array.from({ length: 12 }, () =>
          within(10_000, get()).then(
            () => "answer",
            (error: unknown) => error,
          ),
        );
        await new Promise((resolve) => setTimeout(resolve, 100));
        await server.kill();
        const outcomes = await Promise.all(calls);
        expect(outcomes).toContain("answer");
        const failures = outcomes.filter((outcome) => outcome !== "answer");
        expect(failures.length).toBeGreaterThan(0);
        for (const failure of failures) expect(failure).toBeInstanceOf(RedisUnavailableError);

        await server.restart();
        await eventually(get);
      } finally {
        await api.stop();
      }
    });
  },
);
