// createRedisRateLimiter refuses bad options before touching Redis, naming the option and what
// was expected, and never printing the token. Needs no redis-server.
import { afterEach, describe, expect, test, vi } from "vitest";
import { createRedisRateLimiter, type RedisScripting } from "../../src/redis/index.js";

// Recognised by shape; never called by these tests, which fail before any Redis call.
const redis: RedisScripting = {
  evalSha: () => Promise.reject(new Error("not called")),
  evalScript: () => Promise.reject(new Error("not called")),
  ready: () => true,
};

describe("createRedisRateLimiter options", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  test.each([
    [{ requests: 0 }, /requests 0 is invalid; expected a whole number of at least 1/],
    [{ requests: 2.5 }, /requests 2.5 is invalid/],
    [{ intervalMs: -1 }, /intervalMs -1 is invalid; expected a positive number of milliseconds/],
    [{ leaseMs: Number.NaN }, /leaseMs NaN is invalid/],
    [{ operationTimeoutMs: 0 }, /operationTimeoutMs 0 is invalid/],
    [{ operationTimeoutMs: 2 ** 31 }, /operationTimeoutMs 2147483648 is invalid/],
    [{ onRedisError: "ignore" }, /onRedisError "ignore" is invalid; expected "throw" or "local"/],
    [{ logger: {} }, /logger is invalid; expected an object with debug, info, warn and error/],
    [{ key: "" }, /key "" is invalid; expected a non-empty string/],
  ])("refuses %o", (bad, message) => {
    expect(() =>
      createRedisRateLimiter({ redis, token: "c4f9a1b27e3d", ...(bad as object) }),
    ).toThrow(message);
  });

  test("refuses a redis that is no client it knows, without printing it", () => {
    const client = { host: "cache", password: "hunter2-secret" };
    expect(() => createRedisRateLimiter({ redis: client as never, key: "k" })).toThrow(
      /redis \(an object\) is not a Redis client this limiter knows; expected an ioredis client/,
    );
    try {
      createRedisRateLimiter({ redis: client as never, key: "k" });
    } catch (error) {
      expect(String(error)).not.toContain("hunter2");
    }
  });

  test("asks for a token or a key when neither is given nor MODE_API_TOKEN set", () => {
    vi.stubEnv("MODE_API_TOKEN", undefined);
    expect(() => createRedisRateLimiter({ redis })).toThrow(
      /pass token \(the Mode API token the workers use; only a hash of it reaches Redis\) or key/,
    );
  });

  test("takes the token from MODE_API_TOKEN, as the client does", () => {
    vi.stubEnv("MODE_API_TOKEN", "c4f9a1b27e3d");
    expect(() => createRedisRateLimiter({ redis })).not.toThrow();
  });

  test("names a bad token's kind but never its value", () => {
    expect(() => createRedisRateLimiter({ redis, token: "   " })).toThrow(
      /token is invalid \(empty\); expected the non-empty Mode API token/,
    );
    expect(() => createRedisRateLimiter({ redis, token: 42 as never })).toThrow(
      /token is invalid \(a number\)/,
    );
  });
});
