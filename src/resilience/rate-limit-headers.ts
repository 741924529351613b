import { parseRetryAfter } from "./retry.js";

// Epoch seconds are larger than any delay a server would send in seconds (about 31 years).
const EPOCH_SECONDS_FROM = 1e9;

/**
 * How long the API asks every caller on this credential to hold off, read from one answer:
 * a 429's `Retry-After`, or rate-limit headers saying the budget is spent
 * (`X-RateLimit-Remaining: 0` or `RateLimit-Remaining: 0`) with when it resets
 * (`X-RateLimit-Reset` / `RateLimit-Reset`, delay-seconds or epoch seconds). Undefined when the
 * answer says neither.
 */
export function pauseRequested(
  status: number,
  headers: Headers,
  now: number = Date.now(),
): number | undefined {
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(headers.get("retry-after"), now);
    if (retryAfterMs !== undefined) return retryAfterMs;
  }
  const remaining = headers.get("x-ratelimit-remaining") ?? headers.get("ratelimit-remaining");
  if (remaining === null || remaining.trim() !== "0") return undefined;
  const reset = (headers.get("x-ratelimit-reset") ?? headers.get("ratelimit-reset"))?.trim();
  if (reset === undefined || !/^\d+(\.\d+)?$/.test(reset)) return undefined;
  const seconds = Number(reset);
  return Math.max(
    0,
    Math.round(seconds >= EPOCH_SECONDS_FROM ? seconds * 1000 - now : seconds * 1000),
  );
}
