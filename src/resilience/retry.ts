import { checkDuration, checkWholeNumber } from "../internal/checks.js";

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
  base: Omit<ResolvedRetryOptions, "random"> & Pick<RetryOptions, "random">,
): ResolvedRetryOptions | false {
  if (retry === false) return false;
  const resolved = { random: Math.random, ...base } as ResolvedRetryOptions;
  for (const [key, value] of Object.entries(retry ?? {}))
    if (value !== undefined) (resolved as unknown as Record<string, unknown>)[key] = value;
  resolved.methods = resolved.methods.map((method) => method.toUpperCase());
  checkWholeNumber("retry.retries", resolved.retries, 0);
  for (const key of ["baseDelayMs", "maxDelayMs", "maxRetryAfterMs"] as const)
    checkDuration(`retry.${key}`, resolved[key], false);
  return resolved;
}

/** Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"). */
export const backoffDelay = (options: ResolvedRetryOptions, attempt: number): number =>
  Math.floor(
    options.random() * Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1)),
  );

/**
 * Milliseconds to wait according to a `Retry-After` header, which is either delay-seconds or an
 * HTTP date (RFC 9110 §10.2.3). Undefined when absent or unreadable; never negative.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  const text = value?.trim() ?? "";
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // Only accept things that look like an HTTP date; Date.parse alone would also read "1e3".
  const at = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * How long the API asks every caller on this credential to hold off, read from one answer:
 * a 429's `Retry-After`, or `X-RateLimit-Remaining: 0` with `X-RateLimit-Reset` (delay-seconds
 * or epoch seconds, which are larger than any delay a server would send). Undefined when the
 * answer says neither.
 */
export function pauseRequested(status: number, headers: Headers): number | undefined {
  const now = Date.now();
  const retryAfterMs =
    status === 429 ? parseRetryAfter(headers.get("retry-after"), now) : undefined;
  if (retryAfterMs !== undefined || headers.get("x-ratelimit-remaining")?.trim() !== "0")
    return retryAfterMs;
  const reset = Number(headers.get("x-ratelimit-reset") || Number.NaN);
  return reset >= 0
    ? Math.max(0, Math.round(reset >= 1e9 ? reset * 1000 - now : reset * 1000))
    : undefined;
}
