import { checkDuration, MAX_TIMER_MS } from "../internal/timers.js";

/**
 * Client-side rate limiting: at most `requests` attempts may be in flight or have finished within
 * the last `intervalMs`. A slot is held from an attempt's start until it settles and the window is
 * counted from the settle time, so a server counting arrivals never sees more than `requests` in
 * any `intervalMs`: attempt n+requests starts after attempt n's response was fully read, plus the
 * interval, whatever the latency. Callers beyond that queue (first in, first out) rather than
 * fail; an aborted caller leaves the queue with its signal's reason.
 */
export interface RateLimitOptions {
  /** Attempts allowed in flight or finished per window. Default 40 (Mode's documented limit). */
  requests: number;
  /** Window length in milliseconds, counted from when an attempt settles. Default 10 000. */
  intervalMs: number;
}

/** Time source, injectable so tests can drive the limiter without waiting. */
export interface RateLimiterClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Frees an acquired slot once the attempt has settled; calls after the first do nothing. */
export type RateLimitRelease = () => void;

/**
 * What the client asks of a rate limiter: the in-process one below, or one shared between
 * processes (`createModeClient({ rateLimiter })`). `pending` is not part of it: the client never
 * reads it, and a limiter shared between processes cannot count the callers of the others.
 */
export interface RateLimiter {
  /**
   * Resolves when the caller may start an attempt, with the function to call once that attempt
   * has settled (body read, or failed or aborted). Until then the slot stays taken. Rejects
   * with the signal's reason when the caller aborts while waiting.
   */
  acquire(signal?: AbortSignal | null): Promise<RateLimitRelease>;
  /**
   * The API said its budget is spent (a 429 with `Retry-After`, or rate-limit headers at 0):
   * every later `acquire` waits until `ms` from now. The client calls it before deciding whether
   * to retry, and ignores what it throws or rejects with.
   */
  pause?(ms: number): void | Promise<void>;
}

/** The in-process limiter: the interface, plus how many callers are waiting. */
export interface InProcessRateLimiter extends RateLimiter {
  /** Callers currently waiting. */
  readonly pending: number;
  pause(ms: number): void;
}

const systemClock: RateLimiterClock = {
  // Monotonic and finer than a millisecond. Date.now() truncates, so a settle time could be
  // recorded up to 1 ms early and a server on a short path (loopback) would see attempt n+40
  // arrive just inside attempt n's window; it also jumps when the wall clock is set.
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface Waiter {
  resolve: (release: RateLimitRelease) => void;
  detach: () => void;
}

export function createRateLimiter(
  options: RateLimitOptions,
  clock: RateLimiterClock = systemClock,
): InProcessRateLimiter {
  const { requests, intervalMs } = options;
  if (!Number.isInteger(requests) || requests < 1) {
    throw new RangeError(
      `rateLimit.requests ${String(requests)} is invalid; expected a whole number of at least 1`,
    );
  }
  checkDuration("rateLimit.intervalMs", intervalMs, true);
  let inFlight = 0;
  // Settle times of attempts still inside the window, oldest first.
  const settled: number[] = [];
  const queue: Waiter[] = [];
  let timer: unknown;
  // No attempt starts before this time (the API asked for a pause).
  let pausedUntil = Number.NEGATIVE_INFINITY;

  const release = (): void => {
    inFlight--;
    settled.push(clock.now());
    // A queue blocked only by in-flight attempts has no timer yet: this settle time gives it one.
    if (queue.length > 0 && timer === undefined) pump();
  };

  // Drops settle times that have left the window; true when another attempt may start now.
  const slotFree = (): boolean => {
    const now = clock.now();
    if (now < pausedUntil) return false;
    while (settled.length > 0 && (settled[0] ?? 0) <= now - intervalMs) settled.shift();
    return inFlight + settled.length < requests;
  };

  const takeSlot = (): RateLimitRelease => {
    inFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
    };
  };

  const pump = (): void => {
    timer = undefined;
    while (queue.length > 0) {
      if (!slotFree()) {
        // Wake when a pause ends or the oldest settle time leaves the window (at least 1 ms in
        // case a timer fires early); if every slot is still in flight, the next release pumps.
        const now = clock.now();
        const oldest = settled[0];
        const wakeAt =
          now < pausedUntil ? pausedUntil : oldest === undefined ? undefined : oldest + intervalMs;
        if (wakeAt !== undefined) timer = clock.setTimeout(pump, Math.max(1, wakeAt - now));
        return;
      }
      const waiter = queue.shift();
      if (!waiter) return;
      waiter.detach();
      waiter.resolve(takeSlot());
    }
  };

  return {
    get pending() {
      return queue.length;
    },
    pause(ms) {
      if (typeof ms !== "number" || Number.isNaN(ms) || ms <= 0) return;
      // A longer pause than a timer holds would fire at once; the server's word is capped there.
      const until = clock.now() + Math.min(ms, MAX_TIMER_MS);
      if (until <= pausedUntil) return;
      pausedUntil = until;
      // A waiter's timer set for earlier wakes the pump, which sets a new one for the pause.
    },
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      // The common case, nobody waiting and a slot free, needs no queue entry or abort listener.
      if (queue.length === 0 && slotFree()) return Promise.resolve(takeSlot());
      return new Promise<RateLimitRelease>((resolve, reject) => {
        const onAbort = (): void => {
          const index = queue.indexOf(waiter);
          if (index !== -1) queue.splice(index, 1);
          if (queue.length === 0 && timer !== undefined) {
            clock.clearTimeout(timer);
            timer = undefined;
          }
          reject(signal?.reason);
        };
        const waiter: Waiter = {
          resolve,
          detach: () => signal?.removeEventListener("abort", onAbort),
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        queue.push(waiter);
        if (timer === undefined) pump();
      });
    },
  };
}
