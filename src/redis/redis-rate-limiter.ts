/**
 * A rate limiter whose budget lives in Redis, so every worker process using one Mode token
 * shares one limit, and one worker's 429 pauses them all. Callers of one process queue here,
 * first in, first out; only the head of the queue talks to Redis, and when the budget is spent
 * Redis says how long until a slot frees, so a waiting process sleeps rather than polls.
 */
import { sleep } from "../internal/sleep.js";
import { MAX_TIMER_MS } from "../internal/checks.js";
import {
  createRateLimiter,
  type RateLimiter,
  type RateLimitRelease,
} from "../resilience/rate-limiter.js";
import { budgetKey } from "./budget-key.js";
import type { BudgetOperation, BudgetReply } from "./budget-script.js";
import { createBudgetStore } from "./budget-store.js";
import { type RedisRateLimiterOptions, resolveRedisOptions } from "./options.js";
import { RedisUnavailableError } from "./redis-unavailable-error.js";

export interface RedisRateLimiter extends RateLimiter {
  /**
   * Every acquisition on this budget, in every process, waits until `ms` from now. Called by the
   * client on a 429 with `Retry-After`. Never rejects: this process honours the pause even when
   * Redis cannot be told (the failure is logged).
   */
  pause(ms: number): Promise<void>;
  /**
   * Resolves once every slot this process has released or given up has reached Redis (each
   * call bounded by `operationTimeoutMs`). Await it before closing the Redis connection: a
   * release still on its way would be dropped with the connection, and its slot would count
   * against every process on the budget until its lease ends (`leaseMs`, 60 s by default).
   */
  flush(): Promise<void>;
  /** Callers of this process waiting for a slot. */
  readonly pending: number;
  /** `"shared"` while Redis decides; `"local"` while the in-process fallback does. */
  readonly mode: "shared" | "local";
}

interface Waiter {
  resolve: (release: RateLimitRelease) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  detach: () => void;
}

/** Creates the shared limiter; bad options throw here, naming the option and what was expected. */
export function createRedisRateLimiter(options: RedisRateLimiterOptions): RedisRateLimiter {
  const settings = resolveRedisOptions(options);
  const { requests, intervalMs, leaseMs, operationTimeoutMs, logger } = settings;
  const key = budgetKey(options).name;
  // Its failure is reported by the first acquisition; unobserved it would crash the process.
  key.catch(() => undefined);
  const store = createBudgetStore({ ...settings, key });
  const local =
    settings.onRedisError === "local" ? createRateLimiter({ requests, intervalMs }) : undefined;

  const queue: Waiter[] = [];
  let pumping = false;
  // Wakes the pump from a wait nobody is left to need.
  let wake: AbortController | undefined;
  // Set while Redis is known to be unreachable; cleared by its next answer.
  let outage: RedisUnavailableError | undefined;
  // This process's own copy of the shared pause (a monotonic time: only durations matter).
  let pausedUntil = Number.NEGATIVE_INFINITY;
  let probing = false;
  let lastProbe = Number.NEGATIVE_INFINITY;
  // Slots whose release (or cancellation) Redis has not confirmed, sent again once it answers.
  const unsettled = new Map<string, { op: "release" | "cancel"; at: number }>();
  const remember = (id: string, op: "release" | "cancel", at = performance.now()): void => {
    const now = performance.now();
    // A long outage must not grow the map without end: past its lease a slot needs nothing.
    if (unsettled.size >= 10 * requests) {
      for (const [old, { at: since }] of unsettled)
        if (now - since >= leaseMs) unsettled.delete(old);
    }
    unsettled.set(id, { op, at });
  };

  const call = (op: BudgetOperation, id: string, amount = 0): Promise<BudgetReply> =>
    store.run(op, { id, amount, failFast: outage !== undefined });

  const noteFailure = (error: unknown): RedisUnavailableError => {
    const failure =
      error instanceof RedisUnavailableError
        ? error
        : new RedisUnavailableError("error", "(unknown key)", operationTimeoutMs, { cause: error });
    if (!outage) {
      logger.warn(
        local
          ? `mode-datasets/redis: ${failure.problem}; this process falls back to an in-process limit of ${requests} per ${intervalMs} ms until Redis answers again`
          : `mode-datasets/redis: ${failure.problem}; requests fail with RedisUnavailableError until Redis answers again`,
        { key: failure.key, reason: failure.reason },
      );
    }
    outage = failure;
    return failure;
  };

  const noteSuccess = (): void => {
    if (outage) {
      logger.info(`mode-datasets/redis: Redis answers again; the shared budget resumes`, {
        key: outage.key,
      });
      outage = undefined;
    }
    const now = performance.now();
    for (const [id, { op, at }] of unsettled) {
      unsettled.delete(id);
      // Past its lease Redis has counted the slot as settled already.
      if (now - at < leaseMs) settle(id, op, at);
    }
  };

  // Releases and cancels on their way to Redis, for `flush` to wait on.
  const settling = new Set<Promise<void>>();
  const settle = (id: string, op: "release" | "cancel", at = performance.now()): void => {
    const sent = call(op, id).then(noteSuccess, (error: unknown) => {
      if (performance.now() - at < leaseMs) remember(id, op, at);
      noteFailure(error);
    });
    settling.add(sent);
    void sent.finally(() => settling.delete(sent));
  };

  const sharedRelease = (id: string): RateLimitRelease => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      settle(id, "release");
    };
  };

  const waitFor = async (ms: number): Promise<void> => {
    wake = new AbortController();
    await sleep(ms, wake.signal).catch(() => undefined);
    wake = undefined;
  };

  // Leaves the fallback as soon as Redis answers; one probe at a time, one per timeout.
  const probe = (): void => {
    if (probing || performance.now() - lastProbe < operationTimeoutMs) return;
    if (!settings.redis.ready()) return;
    probing = true;
    lastProbe = performance.now();
    call("probe", crypto.randomUUID())
      .then(noteSuccess, () => undefined)
      .finally(() => {
        probing = false;
      });
  };

  const toLocal = (fallback: NonNullable<typeof local>, waiter: Waiter): void => {
    waiter.detach();
    fallback.acquire(waiter.signal).then(waiter.resolve, waiter.reject);
  };

  const pump = async (): Promise<void> => {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length > 0) {
        const pauseLeft = pausedUntil - performance.now();
        if (pauseLeft > 0) {
          await waitFor(pauseLeft);
          continue;
        }
        if (local && outage) {
          probe();
          for (const waiter of queue.splice(0)) toLocal(local, waiter);
          continue;
        }
        const id = crypto.randomUUID();
        // As many as wait here, up to a whole budget: one round trip serves them all.
        const wanted = Math.min(queue.length, requests);
        let reply: BudgetReply;
        try {
          reply = await call("acquire", id, wanted);
        } catch (error) {
          const failure = noteFailure(error);
          // Sent but unanswered, it may still run once Redis is back: take the slot back then.
          if (failure.reason !== "not_connected") {
            for (let slot = 1; slot <= wanted; slot++) remember(`${id}:${slot}`, "cancel");
          }
          if (!local) {
            for (const waiter of queue.splice(0)) {
              waiter.detach();
              waiter.reject(failure);
            }
          }
          continue;
        }
        noteSuccess();
        if (reply.granted === 0) {
          await waitFor(reply.waitMs);
          continue;
        }
        for (let slot = 1; slot <= reply.granted; slot++) {
          const waiter = queue.shift();
          if (!waiter) {
            // Its caller gave up while Redis granted it: nothing will be sent.
            settle(`${id}:${slot}`, "cancel");
            continue;
          }
          waiter.detach();
          waiter.resolve(sharedRelease(`${id}:${slot}`));
        }
      }
    } catch (error) {
      // Not expected (every Redis failure is handled above), but no caller is left hanging.
      for (const waiter of queue.splice(0)) {
        waiter.detach();
        waiter.reject(error);
      }
    } finally {
      pumping = false;
    }
  };

  return {
    async flush() {
      while (settling.size > 0) await Promise.all(settling);
    },
    get pending() {
      return queue.length;
    },
    get mode() {
      return local && outage ? "local" : "shared";
    },
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise<RateLimitRelease>((resolve, reject) => {
        const onAbort = (): void => {
          const index = queue.indexOf(waiter);
          if (index !== -1) queue.splice(index, 1);
          if (queue.length === 0) wake?.abort();
          reject(signal?.reason);
        };
        const waiter: Waiter = {
          resolve,
          reject,
          signal: signal ?? undefined,
          detach: () => signal?.removeEventListener("abort", onAbort),
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        queue.push(waiter);
        void pump();
      });
    },
    async pause(ms) {
      if (typeof ms !== "number" || !(ms > 0)) return;
      const pauseMs = Math.ceil(Math.min(ms, MAX_TIMER_MS));
      const until = performance.now() + pauseMs;
      if (until > pausedUntil) pausedUntil = until;
      // The fallback holds off too, should Redis go away before the pause ends.
      local?.pause(pauseMs);
      try {
        await call("pause", crypto.randomUUID(), pauseMs);
        noteSuccess();
      } catch (error) {
        noteFailure(error);
      }
    },
  };
}
