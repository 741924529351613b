/**
 * Client-side rate limiting: a sliding window that lets at most `requests` attempts start in any
 * `intervalMs`. Callers beyond that queue (first in, first out) rather than fail; an aborted
 * caller leaves the queue with its signal's reason.
 */
export interface RateLimitOptions {
  /** Attempts allowed per window. Default 40 (Mode's documented limit). */
  requests: number;
  /** Window length in milliseconds. Default 10 000. */
  intervalMs: number;
}

/** Time source, injectable so tests can drive the limiter without waiting. */
export interface RateLimiterClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface RateLimiter {
  /** Resolves when the caller may start a request. */
  acquire(signal?: AbortSignal | null): Promise<void>;
  /** Callers currently waiting. */
  readonly pending: number;
}

const systemClock: RateLimiterClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface Waiter {
  resolve: () => void;
  detach: () => void;
}

export function createRateLimiter(options: RateLimitOptions, clock: RateLimiterClock = systemClock): RateLimiter {
  const { requests, intervalMs } = options;
  if (!Number.isInteger(requests) || requests < 1) {
    throw new RangeError(`rateLimit.requests ${String(requests)} is invalid; expected a whole number of at least 1`);
  }
  if (!Number.isFinite(intervalMs) || intervalMs <= 0) {
    throw new RangeError(`rateLimit.intervalMs ${String(intervalMs)} is invalid; expected a positive number of milliseconds`);
  }
  // Start times of the most recent attempts; never longer than `requests`.
  const starts: number[] = [];
  const queue: Waiter[] = [];
  let timer: unknown;

  const pump = (): void => {
    timer = undefined;
    while (queue.length > 0) {
      const now = clock.now();
      while (starts.length > 0 && (starts[0] ?? 0) <= now - intervalMs) starts.shift();
      if (starts.length >= requests) {
        // Wake when the oldest start leaves the window; at least 1 ms in case a timer fires early.
        timer = clock.setTimeout(pump, Math.max(1, (starts[0] ?? now) + intervalMs - now));
        return;
      }
      const waiter = queue.shift();
      if (!waiter) return;
      starts.push(now);
      waiter.detach();
      waiter.resolve();
    }
  };

  return {
    get pending() {
      return queue.length;
    },
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise<void>((resolve, reject) => {
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
