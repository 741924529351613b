/** Options of `createRedisRateLimiter`, their defaults (declared once, here) and their checks. */
import { DEFAULTS } from "../client/options.js";
import { checkDuration } from "../internal/timers.js";
import type { Logger } from "../client/logger.js";
import { type RedisClientLike, type RedisScripting, toRedisScripting } from "./redis-scripting.js";

export interface RedisRateLimiterOptions {
  /** The Redis client the workers already have: ioredis, node-redis, or a `RedisScripting`. */
  redis: RedisClientLike;
  /**
   * Attempts allowed in flight or settled per window, across every worker. Every limiter on one
   * budget must be given the same `requests` and `intervalMs`. Default 40 (Mode's).
   */
  requests?: number | undefined;
  /** Window length in milliseconds, counted from when an attempt settles. Default 10 000. */
  intervalMs?: number | undefined;
  /**
   * The Mode API token the workers share: the budget is per token, and the limiter cannot see
   * requests, so it is told. Only a hash of it reaches Redis. Default: `MODE_API_TOKEN` from the
   * environment. Not needed when `key` is given.
   */
  token?: string | undefined;
  /**
   * Prefix of the budget's Redis keys, used as given: every limiter with the same key shares one
   * budget. Put a `{…}` hash tag in it on Redis Cluster. Default: derived from `token`.
   */
  key?: string | undefined;
  /**
   * How long a slot may stay taken without being released before it counts as settled (its
   * worker died or hung). Keep it above your longest attempt (`timeoutMs`, 30 s by default).
   * Default 60 000.
   */
  leaseMs?: number | undefined;
  /**
   * The longest one Redis operation may take, waiting for a connection included; then Redis
   * counts as unreachable. Default 2 000.
   */
  operationTimeoutMs?: number | undefined;
  /**
   * When Redis is unreachable: `"throw"` rejects the acquisition (and so the request) with
   * `RedisUnavailableError`; `"local"` falls back to an in-process limiter of `requests` per
   * `intervalMs` in each process, with one warning through `logger`, until Redis answers again.
   * Default `"throw"`.
   */
  onRedisError?: "throw" | "local" | undefined;
  /** Where an outage and its end are reported, one line each. Default `console`. */
  logger?: Logger | undefined;
}

/** Every default of the Redis limiter; the budget's size defaults to the client's own. */
export const REDIS_DEFAULTS = {
  requests: DEFAULTS.rateLimit.requests,
  intervalMs: DEFAULTS.rateLimit.intervalMs,
  /** Twice the client's per-attempt timeout: a slow attempt is never counted as finished early. */
  leaseMs: 60_000,
  /** Long enough for a busy Redis, short enough that a request does not hang on a dead one. */
  operationTimeoutMs: 2_000,
  /** Nothing goes out uncounted unless the user chose it. */
  onRedisError: "throw",
} as const;

export interface ResolvedRedisOptions {
  redis: RedisScripting;
  requests: number;
  intervalMs: number;
  leaseMs: number;
  operationTimeoutMs: number;
  onRedisError: "throw" | "local";
  logger: Logger;
}

export function resolveRedisOptions(options: RedisRateLimiterOptions): ResolvedRedisOptions {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(
      `createRedisRateLimiter options ${String(options)} are invalid; expected { redis, requests?, intervalMs?, token? or key? }`,
    );
  }
  const requests = options.requests ?? REDIS_DEFAULTS.requests;
  if (!Number.isInteger(requests) || requests < 1) {
    throw new RangeError(
      `requests ${String(requests)} is invalid; expected a whole number of at least 1`,
    );
  }
  const intervalMs = options.intervalMs ?? REDIS_DEFAULTS.intervalMs;
  checkDuration("intervalMs", intervalMs, true);
  const leaseMs = options.leaseMs ?? REDIS_DEFAULTS.leaseMs;
  checkDuration("leaseMs", leaseMs, true);
  const operationTimeoutMs = options.operationTimeoutMs ?? REDIS_DEFAULTS.operationTimeoutMs;
  checkDuration("operationTimeoutMs", operationTimeoutMs, true);
  const onRedisError = options.onRedisError ?? REDIS_DEFAULTS.onRedisError;
  if (onRedisError !== "throw" && onRedisError !== "local") {
    throw new RangeError(
      `onRedisError ${JSON.stringify(onRedisError)} is invalid; expected "throw" or "local"`,
    );
  }
  const logger = options.logger ?? console;
  if (typeof logger?.warn !== "function" || typeof logger.info !== "function") {
    throw new TypeError(
      "logger is invalid; expected an object with debug, info, warn and error methods (console fits)",
    );
  }
  return {
    redis: toRedisScripting(options.redis),
    requests,
    // Whole milliseconds: Redis keeps time and expiry in them.
    intervalMs: Math.ceil(intervalMs),
    leaseMs: Math.ceil(leaseMs),
    operationTimeoutMs,
    onRedisError,
    logger,
  };
}
