import { checkDuration } from "../internal/timers.js";

/** What happened before a retry; passed to `retry.onRetry`. */
export interface RetryEvent {
  method: string;
  url: string;
  /** The attempt that just failed, starting at 1. */
  attempt: number;
  /** How long the client waits before the next attempt. */
  delayMs: number;
  reason: "status" | "timeout" | "connection";
  /** The status that caused the retry, when `reason` is "status". */
  status?: number;
}

/** How failed requests are retried. Every field is optional; unset fields keep their default. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2 (so at most 3 attempts). */
  retries?: number | undefined;
  /**
   * Methods that may be retried. Default `["GET", "HEAD"]`. PATCH, POST and DELETE are left out
   * on purpose: a replayed `POST /runs` starts another report run.
   */
  methods?: readonly string[] | undefined;
  /** Statuses that are retried. Default `[408, 429, 500, 502, 503, 504]`. Connection failures and timeouts always are. */
  statuses?: readonly number[] | undefined;
  /** Backoff base: attempt n waits a random time in [0, min(maxDelayMs, baseDelayMs * 2^(n-1))). Default 500. */
  baseDelayMs?: number | undefined;
  /** Backoff cap in milliseconds. Default 8 000. */
  maxDelayMs?: number | undefined;
  /**
   * `Retry-After` (seconds or HTTP date) is waited out when it is at most this many milliseconds;
   * a longer one ends the retries and the response is returned as is. Default 30 000.
   */
  maxRetryAfterMs?: number | undefined;
  /** Called before each wait, e.g. for logging. Default: none. */
  onRetry?: ((event: RetryEvent) => void) | undefined;
  /** Jitter source returning [0, 1). Default `Math.random`. */
  random?: (() => number) | undefined;
}

/** A retry policy with every field filled in. */
export interface ResolvedRetryOptions {
  retries: number;
  methods: readonly string[];
  statuses: readonly number[];
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
  onRetry?: ((event: RetryEvent) => void) | undefined;
  random: () => number;
}

/**
 * `retry` laid over `base` (the defaults, or for one call the client's own policy), checked:
 * nonsense throws naming the value.
 */
export function resolveRetryOptions(
  retry: RetryOptions | false | undefined,
  base: Omit<ResolvedRetryOptions, "random"> & { random?: (() => number) | undefined },
): ResolvedRetryOptions | false {
  if (retry === false) return false;
  const resolved: ResolvedRetryOptions = { ...base, random: base.random ?? Math.random };
  for (const [key, value] of Object.entries(retry ?? {})) {
    if (value !== undefined) (resolved as unknown as Record<string, unknown>)[key] = value;
  }
  resolved.methods = resolved.methods.map((method) => method.toUpperCase());
  if (!Number.isInteger(resolved.retries) || resolved.retries < 0) {
    throw new RangeError(
      `retry.retries ${String(resolved.retries)} is invalid; expected a whole number >= 0`,
    );
  }
  for (const key of ["baseDelayMs", "maxDelayMs", "maxRetryAfterMs"] as const) {
    checkDuration(`retry.${key}`, resolved[key], false);
  }
  return resolved;
}

/** Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"). */
export function backoffDelay(options: ResolvedRetryOptions, attempt: number): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(options.random() * ceiling);
}

/**
 * Milliseconds to wait according to a `Retry-After` header, which is either delay-seconds or an
 * HTTP date (RFC 9110 §10.2.3). Undefined when absent or unreadable; never negative.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // Only accept things that look like an HTTP date; Date.parse alone would also read "1e3".
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
