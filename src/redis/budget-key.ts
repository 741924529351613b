/**
 * Names the Redis keys of a shared budget. By default they derive from the Mode API token the
 * workers share, hashed: anyone who can list the Redis keys learns nothing about the token.
 */
import { DEFAULTS } from "../client/options.js";
import { readEnv } from "../internal/env.js";
import { hex } from "./budget-script.js";

/**
 * The prefix of the budget's keys, checked now and hashed once (Web Crypto is asynchronous).
 * A user's `key` is used as given; the default carries a `{…}` hash tag so that a Redis Cluster
 * keeps the budget's keys on one node, which one script touching all of them needs.
 */
export function budgetKey(options: { key?: string | undefined; token?: string | undefined }): {
  name: Promise<string>;
} {
  const { key } = options;
  if (key !== undefined) {
    if (typeof key !== "string" || key.trim() === "") {
      throw new TypeError(
        `key ${typeof key === "string" ? JSON.stringify(key) : `(a ${typeof key})`} is invalid; expected a non-empty string naming the shared budget`,
      );
    }
    return { name: Promise.resolve(key) };
  }
  const token = options.token ?? readEnv(DEFAULTS.tokenEnv);
  if (token === undefined) {
    throw new TypeError(
      `createRedisRateLimiter needs to know which budget it shares: pass token (the Mode API token the workers use; only a hash of it reaches Redis) or key (any name); ${DEFAULTS.tokenEnv} is not set either`,
    );
  }
  // The token's value is never shown: an error message may end up in a log.
  if (typeof token !== "string" || token.trim() === "") {
    throw new TypeError(
      `token is invalid (${typeof token === "string" ? "empty" : `a ${typeof token}`}); expected the non-empty Mode API token the workers share`,
    );
  }
  return { name: hashedKey(token) };
}

async function hashedKey(token: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(`mode-datasets rate limit\n${token}`),
  );
  // 128 bits tell budgets apart; the full 256 would only lengthen every key.
  return `mode-datasets:rate:{${hex(digest).slice(0, 32)}}`;
}
