import { describe, expect, it } from "vitest";
import { createModeClient } from "../../src/index.js";
import { createRateLimiter, type RateLimiterClock } from "../../src/rate-limiter.js";
import { hal, recordingFetch, testOptions } from "./helpers/recording-fetch.js";

// A clock whose time only moves when the test says so; timers fire as time passes them.
function manualClock(): RateLimiterClock & { advance(ms: number): Promise<void>; timers: number } {
  let now = 0;
  let nextId = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const id = ++nextId;
      timers.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    get timers() {
      return timers.size;
    },
    async advance(ms) {
      // Settle what is already due at the current time before time moves on.
      await new Promise((resolve) => setImmediate(resolve));
      now += ms;
      for (const [id, timer] of [...timers]) {
        if (timer.at <= now) {
          timers.delete(id);
          timer.callback();
        }
      }
      // Let resolved acquisitions run their continuations.
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

function track(promise: Promise<void>, log: string[], name: string): Promise<void> {
  return promise.then(
    () => void log.push(name),
    (error: unknown) => void log.push(`${name}:${(error as Error).name}`),
  );
}

describe("rate limiter", () => {
  it("lets the first requests through and queues the rest until the window moves", async () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ requests: 2, intervalMs: 1000 }, clock);
    const log: string[] = [];
    for (const name of ["a", "b", "c", "d", "e"]) void track(limiter.acquire(), log, name);
    await clock.advance(0);
    expect(log).toEqual(["a", "b"]);
    expect(limiter.pending).toBe(3);
    await clock.advance(999);
    expect(log).toEqual(["a", "b"]);
    await clock.advance(1);
    expect(log).toEqual(["a", "b", "c", "d"]);
    await clock.advance(1000);
    expect(log).toEqual(["a", "b", "c", "d", "e"]);
    expect(limiter.pending).toBe(0);
    expect(clock.timers).toBe(0);
  });

  it("never lets more than the limit start within any window", async () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ requests: 3, intervalMs: 100 }, clock);
    const starts: number[] = [];
    const all = Array.from({ length: 10 }, () => limiter.acquire().then(() => void starts.push(clock.now())));
    for (let t = 0; t < 400; t += 7) await clock.advance(7);
    await Promise.all(all);
    expect(starts).toHaveLength(10);
    for (const start of starts) {
      expect(starts.filter((s) => s >= start && s < start + 100).length).toBeLessThanOrEqual(3);
    }
  });

  it("removes an aborted waiter from the queue with its reason", async () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ requests: 1, intervalMs: 1000 }, clock);
    const log: string[] = [];
    const controller = new AbortController();
    void track(limiter.acquire(), log, "a");
    void track(limiter.acquire(controller.signal), log, "b");
    void track(limiter.acquire(), log, "c");
    await clock.advance(0);
    controller.abort(new DOMException("gone", "AbortError"));
    await clock.advance(0);
    expect(log).toEqual(["a", "b:AbortError"]);
    await clock.advance(1000);
    expect(log).toEqual(["a", "b:AbortError", "c"]);
  });

  it("rejects at once for an already aborted signal", async () => {
    const limiter = createRateLimiter({ requests: 1, intervalMs: 1000 }, manualClock());
    await expect(limiter.acquire(AbortSignal.abort())).rejects.toMatchObject({ name: "AbortError" });
    expect(limiter.pending).toBe(0);
  });

  it("clears its timer when the last waiter aborts", async () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ requests: 1, intervalMs: 1000 }, clock);
    const controller = new AbortController();
    await limiter.acquire();
    const waiting = limiter.acquire(controller.signal).catch(() => undefined);
    expect(clock.timers).toBe(1);
    controller.abort();
    await waiting;
    expect(clock.timers).toBe(0);
  });

  it("refuses a non-positive limit, naming the value", () => {
    expect(() => createRateLimiter({ requests: 0, intervalMs: 10 })).toThrow(/rateLimit.requests 0/);
    expect(() => createRateLimiter({ requests: 1, intervalMs: Number.NaN })).toThrow(/rateLimit.intervalMs NaN/);
  });

  it("queues a client's requests beyond the configured limit instead of failing them", async () => {
    const { fetch, requests } = recordingFetch(() => hal({ token: "t", id: 1, name: "n" }));
    const client = createModeClient({ ...testOptions, fetch, rateLimit: { requests: 2, intervalMs: 20 } });
    const init = { params: { path: { account: "a", dataset: "b" } } };
    const calls = Array.from({ length: 5 }, () => client.GET("/{account}/datasets/{dataset}", init));
    await new Promise((resolve) => setImmediate(resolve));
    expect(requests.length).toBeLessThanOrEqual(2);
    const results = await Promise.all(calls);
    expect(results.map((r) => r.response.status)).toEqual([200, 200, 200, 200, 200]);
    expect(requests).toHaveLength(5);
  });

  it("lets an aborted caller leave the client's queue", async () => {
    const { fetch, requests } = recordingFetch(() => hal({ token: "t", id: 1, name: "n" }));
    const client = createModeClient({ ...testOptions, fetch, rateLimit: { requests: 1, intervalMs: 60_000 } });
    const init = { params: { path: { account: "a", dataset: "b" } } };
    await client.GET("/{account}/datasets/{dataset}", init);
    const controller = new AbortController();
    const queued = client.GET("/{account}/datasets/{dataset}", { ...init, signal: controller.signal }).catch((e: unknown) => e);
    controller.abort();
    expect(await queued).toMatchObject({ name: "AbortError" });
    expect(requests).toHaveLength(1);
  });
});
