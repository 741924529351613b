// The shared limiter in one process against a real redis-server, through each Redis client:
// slots held until settle and counted from it, leases for workers that die, a wait told rather
// than polled, aborts, expiring keys, the hashed key, the shared pause, a script Redis forgot.
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from "vitest";
import { createRedisRateLimiter, type RedisRateLimiterOptions } from "../../src/redis/index.js";
import { CLIENT_KINDS, type Connected, connect } from "./clients.js";
import { type RedisServer, startRedisServer } from "./redis-server.js";

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

describe.skipIf(!inject("redisServer")).each(CLIENT_KINDS)("the shared limiter on %s", (kind) => {
  let server: RedisServer;
  let admin: Redis;
  let client: Connected;
  let keyNumber = 0;
  beforeAll(async () => {
    server = await startRedisServer();
    admin = new Redis(server.port, "127.0.0.1");
    client = await connect(kind, server.port);
  });
  afterAll(async () => {
    await client?.close();
    admin?.disconnect();
    await server?.stop();
  });
  afterEach(async () => {
    await admin.flushall();
  });

  const limiter = (options: Partial<RedisRateLimiterOptions> = {}) =>
    createRedisRateLimiter({
      redis: client.redis,
      key: `test:{budget-${++keyNumber}}`,
      logger: quiet,
      ...options,
    });
  const settledCount = (key: string) => admin.zcard(`${key}:settled`);
  const until = async (check: () => Promise<boolean>) => {
    while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  test("grants the budget at once and holds the next caller until a window after a release", async () => {
    const shared = limiter({ requests: 3, intervalMs: 400 });
    const releases = await Promise.all([shared.acquire(), shared.acquire(), shared.acquire()]);
    const fourth = shared.acquire().then(() => performance.now());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const releasedAt = performance.now();
    releases[0]?.();
    // Counted from the settle, never from the grant: the fourth waits a whole interval more.
    expect((await fourth) - releasedAt).toBeGreaterThanOrEqual(399);
    for (const release of releases) release?.();
  });

  test("a slot never released counts until its lease ends, then for a window", async () => {
    const shared = limiter({ requests: 1, intervalMs: 200, leaseMs: 300 });
    const grantedAt = performance.now();
    await shared.acquire(); // its worker "dies": never released
    await shared.acquire();
    expect(performance.now() - grantedAt).toBeGreaterThanOrEqual(499);
  });

  test("a caller that must wait is told how long and asks Redis again only then", async () => {
    const key = `test:{told-${kind}}`;
    const shared = limiter({ key, requests: 1, intervalMs: 500 });
    (await shared.acquire())();
    await until(async () => (await settledCount(key)) === 1);
    const before = await scriptCalls(admin);
    await shared.acquire();
    // One call answered "wait", one granted (one more if a timer fired a little early).
    expect((await scriptCalls(admin)) - before).toBeLessThanOrEqual(3);
  });

  test("an abandoned wait rejects with the caller's reason and takes no slot", async () => {
    const key = `test:{abort-${kind}}`;
    const shared = limiter({ key, requests: 1, intervalMs: 60_000 });
    const held = await shared.acquire();
    const controller = new AbortController();
    const waiting = shared.acquire(controller.signal);
    const reason = new Error("caller gave up");
    setTimeout(() => controller.abort(reason), 20);
    await expect(waiting).rejects.toBe(reason);
    expect(shared.pending).toBe(0);
    expect(await admin.zcard(`${key}:inflight`)).toBe(1);
    held();
  });

  test("flush resolves once every release has reached Redis, so closing then drops none", async () => {
    const own = await connect(kind, server.port);
    const key = `test:{budget-${++keyNumber}}`;
    const shared = createRedisRateLimiter({ redis: own.redis, key, requests: 5, logger: quiet });
    const releases = await Promise.all(Array.from({ length: 5 }, () => shared.acquire()));
    for (const release of releases) release();
    await shared.flush();
    // A close that drops whatever is still on its way, as a process's exit does.
    await own.close();
    expect(await admin.zcard(`${key}:inflight`)).toBe(0);
    expect(await settledCount(key)).toBe(5);
  });

  test("every key it writes expires, within a lease and a window", async () => {
    const shared = limiter({ requests: 2, intervalMs: 1_000, leaseMs: 5_000 });
    const releases = await Promise.all([shared.acquire(), shared.acquire()]);
    releases[0]?.();
    await shared.pause(2_000);
    const keys = await admin.keys("*");
    expect(keys.length).toBe(3);
    for (const key of keys) {
      const ttl = await admin.pttl(key);
      expect(ttl, key).toBeGreaterThan(0);
      expect(ttl, key).toBeLessThanOrEqual(6_000);
    }
    releases[1]?.();
  });

  test("the default key is a hash of the token, never the token itself", async () => {
    const token = "c4f9a1b27e3d";
    const first = createRedisRateLimiter({ redis: client.redis, token, logger: quiet });
    const second = createRedisRateLimiter({ redis: client.redis, token, logger: quiet });
    const other = createRedisRateLimiter({
      redis: client.redis,
      token: "0b8e2f6a5c17",
      logger: quiet,
    });
    await Promise.all([first.acquire(), second.acquire(), other.acquire()]);
    const keys = await admin.keys("*");
    for (const key of keys) {
      expect(key).toMatch(/^mode-datasets:rate:\{[0-9a-f]{32}\}:inflight$/);
      expect(key).not.toContain(token);
    }
    // The same token shares one budget; another token has its own.
    expect(keys).toHaveLength(2);
    const sizes = await Promise.all(keys.map((key) => admin.zcard(key)));
    expect(sizes.sort()).toEqual([1, 2]);
  });

  test("a pause from one limiter holds every other limiter on the budget", async () => {
    const key = `test:{pause-${kind}}`;
    const other = await connect(kind, server.port);
    try {
      const first = limiter({ key });
      const second = createRedisRateLimiter({ redis: other.redis, key, logger: quiet });
      const pausedAt = performance.now();
      await first.pause(300);
      (await second.acquire())();
      expect(performance.now() - pausedAt).toBeGreaterThanOrEqual(299);
    } finally {
      await other.close();
    }
  });

  test("loads its script again when Redis has forgotten it", async () => {
    const shared = limiter({ requests: 10 });
    (await shared.acquire())();
    await admin.script("FLUSH");
    (await shared.acquire())();
    expect(await admin.keys("*")).not.toEqual([]);
  });
});

/** EVALSHA and EVAL calls the server has answered so far. */
async function scriptCalls(admin: Redis): Promise<number> {
  const stats = await admin.info("commandstats");
  let calls = 0;
  for (const match of stats.matchAll(/^cmdstat_(?:evalsha|eval):calls=(\d+)/gm)) {
    calls += Number(match[1]);
  }
  return calls;
}
