import { describe, expect, it } from "vitest";
import { createModeClient } from "../../../src/index.js";
import {
  createRateLimiter,
  type RateLimiterClock,
  type RateLimitRelease,
} from "../../../src/resilience/rate-limiter.js";
import { hal, recordingFetch, testOptions } from "../helpers/recording-fetch.js";

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

// Logs when an acquisition resolves (or its rejection's name). By default the attempt settles at
// once, so the window alone decides; `hold` keeps each release for the test to call.
function track(
  promise: Promise<RateLimitRelease>,
  log: string[],
  name: string,
  hold?: Map<string, RateLimitRelease>,
): Promise<void> {
  return promise.then(
    (release) => {
      log.push(name);
      if (hold) hold.set(name, release);
      else release();
    },
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

  it("never has more than the limit in flight or settled within the window", async () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ requests: 3, intervalMs: 100 }, clock);
    // Attempts of uneven length, each settling on the manual clock.
    const attempts: { start: number; end?: number }[] = [];
    const all = Array.from({ length: 12 }, (_, index) =>
      limiter.acquire().then((release) => {
        const attempt: { start: number; end?: number } = { start: clock.now() };
        attempts.push(attempt);
        clock.setTimeout(
          () => {
            attempt.end = clock.now();
            release();
          },
          (index * 37) % 150,
        );
      }),
    );
    for (let t = 0; t < 1500; t += 3) await clock.advance(3);
    await Promise.all(all);
    expect(attempts).toHaveLength(12);
    // Every attempt a server could see arrive in a window ending at `start` (started by then, not
    // settled 100 ms before) counts here, and the count only grows when an attempt starts.
    for (const { start } of attempts) {
      const occupying = attempts.filter(
        (a) => a.start <= start && (a.end === undefined || a.end > start - 100),
      );
      expect(occupying.length).toBeLessThanOrEqual(3);
    }
    expect(attempts.every((a) => a.end !== undefined)).toBe(true);
  });

  it("keeps a slot taken while its attempt runs, however long past the interval", async () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ requests: 1, intervalMs: 1000 }, clock);
    const log: string[] = [];
    const held = new Map<string, RateLimitRelease>();
    void track(limiter.acquire(), log, "a", held);
    void track(limiter.acquire(), log, "b", held);
    await clock.advance(0);
    expect(log).toEqual(["a"]);
    await clock.advance(5000);
    expect(log).toEqual(["a"]);
    expect(limiter.pending).toBe(1);
    held.get("a")?.();
    await clock.advance(999);
    expect(log).toEqual(["a"]);
    await clock.advance(1);
    expect(log).toEqual(["a", "b"]);
    expect(limiter.pending).toBe(0);
  });

  it("counts each window from when its attempt settles", async () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ requests: 2, intervalMs: 1000 }, clock);
    const log: string[] = [];
    const held = new Map<string, RateLimitRelease>();
    for (const name of ["a", "b", "c", "d"]) void track(limiter.acquire(), log, name, held);
    await clock.advance(300);
    held.get("a")?.();
    await clock.advance(400);
    held.get("b")?.();
    // a settled at 300 and b at 700: c may start at 1300 and d at 1700, not at 1000.
    await clock.advance(599);
    expect(log).toEqual(["a", "b"]);
    await clock.advance(1);
    expect(log).toEqual(["a", "b", "c"]);
    await clock.advance(399);
    expect(log).toEqual(["a", "b", "c"]);
    await clock.advance(1);
    expect(log).toEqual(["a", "b", "c", "d"]);
  });

  it("frees a slot once however often its release is called", async () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ requests: 2, intervalMs: 1000 }, clock);
    const log: string[] = [];
    const held = new Map<string, RateLimitRelease>();
    for (const name of ["a", "b", "c", "d"]) void track(limiter.acquire(), log, name, held);
    await clock.advance(0);
    held.get("a")?.();
    held.get("a")?.();
    held.get("a")?.();
    await clock.advance(1000);
    // Only a's slot came free: b is still running, so d keeps waiting.
    expect(log).toEqual(["a", "b", "c"]);
    await clock.advance(10_000);
    expect(log).toEqual(["a", "b", "c"]);
    expect(limiter.pending).toBe(1);
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
    await expect(limiter.acquire(AbortSignal.abort())).rejects.toMatchObject({
      name: "AbortError",
    });
    expect(limiter.pending).toBe(0);
  });

  it("clears its timer when the last waiter aborts", async () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ requests: 1, intervalMs: 1000 }, clock);
    const controller = new AbortController();
    (await limiter.acquire())();
    const waiting = limiter.acquire(controller.signal).catch(() => undefined);
    expect(clock.timers).toBe(1);
    controller.abort();
    await waiting;
    expect(clock.timers).toBe(0);
  });

  it("holds every acquisition until a pause ends, then keeps to the window", async () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ requests: 2, intervalMs: 1000 }, clock);
    const log: string[] = [];
    await track(limiter.acquire(), log, "a");
    limiter.pause(5000);
    for (const name of ["b", "c", "d"]) void track(limiter.acquire(), log, name);
    await clock.advance(4999);
    expect(log).toEqual(["a"]);
    await clock.advance(1);
    // "a" settled at 0, long out of the window: two may start at once, the third a window later.
    expect(log).toEqual(["a", "b", "c"]);
    await clock.advance(1000);
    expect(log).toEqual(["a", "b", "c", "d"]);
  });

  it("keeps the later end when pauses overlap, and ignores a pause of nothing", async () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ requests: 5, intervalMs: 10 }, clock);
    const log: string[] = [];
    limiter.pause(3000);
    limiter.pause(1000);
    limiter.pause(0);
    limiter.pause(Number.NaN);
    void track(limiter.acquire(), log, "a");
    await clock.advance(2999);
    expect(log).toEqual([]);
    await clock.advance(1);
    expect(log).toEqual(["a"]);
  });

  it("refuses a non-positive limit, naming the value", () => {
    expect(() => createRateLimiter({ requests: 0, intervalMs: 10 })).toThrow(
      /rateLimit.requests 0/,
    );
    expect(() => createRateLimiter({ requests: 1, intervalMs: Number.NaN })).toThrow(
      /rateLimit.intervalMs NaN/,
    );
  });

  it("queues a client's requests beyond the configured limit instead of failing them", async () => {
    const { fetch, requests } = recordingFetch(() => hal({ token: "t", id: 1, name: "n" }));
    const client = createModeClient({
      ...testOptions,
      fetch,
      rateLimit: { requests: 2, intervalMs: 20 },
    });
    const init = { params: { path: { account: "a", dataset: "b" } } };
    const calls = Array.from({ length: 5 }, () =>
      client.GET("/{account}/datasets/{dataset}", init),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(requests.length).toBeLessThanOrEqual(2);
    const results = await Promise.all(calls);
    expect(results.map((r) => r.response.status)).toEqual([200, 200, 200, 200, 200]);
    expect(requests).toHaveLength(5);
  });

  it("holds a client's slot until the response body has been read", async () => {
    let finishBody: (() => void) | undefined;
    const { fetch, requests } = recordingFetch((_, i) => {
      if (i > 0) return hal({ token: "t", id: 1, name: "n" });
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"token":"t",'));
          finishBody = () => {
            controller.enqueue(new TextEncoder().encode('"id":1,"name":"n"}'));
            controller.close();
          };
        },
      });
      return new Response(stream, { headers: { "Content-Type": "application/hal+json" } });
    });
    const client = createModeClient({
      ...testOptions,
      fetch,
      rateLimit: { requests: 1, intervalMs: 1 },
    });
    const init = { params: { path: { account: "a", dataset: "b" } } };
    const first = client.GET("/{account}/datasets/{dataset}", init);
    const second = client.GET("/{account}/datasets/{dataset}", init);
    // Many intervals pass while the first body is still open: the second must not start.
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(requests).toHaveLength(1);
    finishBody?.();
    const results = await Promise.all([first, second]);
    expect(results.map((r) => r.data?.name)).toEqual(["n", "n"]);
    expect(requests).toHaveLength(2);
  });

  it("frees the slot of an attempt that timed out so its retry can run", async () => {
    const { fetch, requests } = recordingFetch((_, i) =>
      i < 2 ? new Promise<Response>(() => undefined) : hal({ token: "t" }),
    );
    const client = createModeClient({
      ...testOptions,
      fetch,
      timeoutMs: 5,
      rateLimit: { requests: 1, intervalMs: 1 },
    });
    const { data } = await client.GET("/{account}/datasets/{dataset}", {
      params: { path: { account: "a", dataset: "b" } },
    });
    expect(data?.token).toBe("t");
    expect(requests).toHaveLength(3);
  });

  it("frees the slot of an attempt the caller aborted", async () => {
    const controller = new AbortController();
    const { fetch, requests } = recordingFetch((_, i) => {
      if (i > 0) return hal({ token: "t" });
      // Ignores its signal: only the client's own race ends this attempt.
      controller.abort();
      return new Promise<Response>(() => undefined);
    });
    const client = createModeClient({
      ...testOptions,
      fetch,
      timeoutMs: false,
      rateLimit: { requests: 1, intervalMs: 1 },
    });
    const init = { params: { path: { account: "a", dataset: "b" } } };
    const aborted = await client
      .GET("/{account}/datasets/{dataset}", { ...init, signal: controller.signal })
      .catch((e: unknown) => e);
    expect(aborted).toMatchObject({ name: "AbortError" });
    const { data } = await client.GET("/{account}/datasets/{dataset}", init);
    expect(data?.token).toBe("t");
    expect(requests).toHaveLength(2);
  });

  it("lets an aborted caller leave the client's queue", async () => {
    const { fetch, requests } = recordingFetch(() => hal({ token: "t", id: 1, name: "n" }));
    const client = createModeClient({
      ...testOptions,
      fetch,
      rateLimit: { requests: 1, intervalMs: 60_000 },
    });
    const init = { params: { path: { account: "a", dataset: "b" } } };
    await client.GET("/{account}/datasets/{dataset}", init);
    const controller = new AbortController();
    const queued = client
      .GET("/{account}/datasets/{dataset}", { ...init, signal: controller.signal })
      .catch((e: unknown) => e);
    controller.abort();
    expect(await queued).toMatchObject({ name: "AbortError" });
    expect(requests).toHaveLength(1);
  });
});
