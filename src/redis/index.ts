/**
 * `mode-datasets/redis`: a rate limiter shared through Redis by every worker that uses one Mode
 * token. Its own entry, so the main entry neither grows nor knows Redis.
 */
export {
  createRedisRateLimiter,
  type RedisRateLimiter,
} from "./redis-rate-limiter.js";
export { REDIS_DEFAULTS, type RedisRateLimiterOptions } from "./options.js";
export {
  RedisUnavailableError,
  type RedisUnavailableReason,
} from "./redis-unavailable-error.js";
export type {
  IoredisLike,
  NodeRedisLike,
  RedisClientLike,
  RedisScripting,
} from "./redis-scripting.js";
