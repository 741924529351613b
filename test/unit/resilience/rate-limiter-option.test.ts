// The limiter a client sends through: the in-process one by default, or any object implementing
// RateLimiter (one shared by several processes, say). The API's own "slow down" reaches it as
// `pause(ms)`, so every call on that limiter holds off, not just the one that was told.
import { describe, expect, it } from "vitest";
import {
  createModeClient,
  createModeDatasets,
  type RateLimiter,
  type RateLimitRelease,
} from "../../../src/index.js";
import { hal, modeError, recordingFetch, testOptions } from "../helpers/recording-fetch.js";

const ids = { account: "northwind", dataset: "5a4177a2902c" };
const dataset = { token: "5a4177a2902c", id: 1, name: "Orders" };

/** A limiter that lets everything through and records each pause it is asked for. */
function recordingLimiter(pause?: (ms: number) => void | Promise<void>): RateLimiter & {
  acquired: number;
  pauses: number[];
} {
  const limiter = {
    acquired: 0,
    pauses: [] as number[],
    acquire(): Promise<RateLimitRelease> {
      limiter.acquired++;
      return Promise.resolve(() => undefined);
    },
    pause(ms: number) {
      limiter.pauses.push(ms);
      return pause?.(ms);
    },
  };
  return limiter;
}

/** Lets every queued callback and I/O callback of this process run a few times over. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("the in-process limiter shares a 429's Retry-After", () => {
  it("pauses the next call of another method on the same client", async () => {
    const { fetch, requests } = recordingFetch((_, i) =>
      i === 0
        ? modeError(429, "rate_limited", "slow down", { "Retry-After": "60" })
        : hal({ token: "s1", id: 2, name: "Team" }),
    );
    const mode = createModeDatasets({
      ...testOptions,
      fetch,
      retry: false,
      rateLimit: { requests: 40, intervalMs: 10 },
    });
    await expect(mode.datasets.get(ids)).rejects.toMatchObject({ kind: "rate_limited" });
    const controller = new AbortController();
    const next = mode.spaces
      .get({ account: "northwind", space: "s1" }, { signal: controller.signal })
      .catch((error: unknown) => error);
    await settle();
    // Sixty seconds from the 429, the next call has not been sent.
    expect(requests).toHaveLength(1);
    controller.abort();
    expect(await next).toMatchObject({ name: "AbortError" });
    expect(requests).toHaveLength(1);
  });

  it("does not pause the client after a 429 without Retry-After", async () => {
    const { fetch, requests } = recordingFetch((_, i) =>
      i === 0 ? modeError(429, "rate_limited", "slow down") : hal(dataset),
    );
    const mode = createModeDatasets({
      ...testOptions,
      fetch,
      retry: false,
      rateLimit: { requests: 40, intervalMs: 10 },
    });
    await expect(mode.datasets.get(ids)).rejects.toMatchObject({ kind: "rate_limited" });
    await expect(mode.datasets.get(ids)).resolves.toEqual(dataset);
    expect(requests).toHaveLength(2);
  });
});

describe("a limiter of one's own", () => {
  it("sends every attempt through it and tells it a 429's Retry-After", async () => {
    const limiter = recordingLimiter();
    const { fetch } = recordingFetch((_, i) =>
      i === 0
        ? modeError(429, "rate_limited", "slow down", { "Retry-After": "0.25" })
        : hal(dataset),
    );
    const mode = createModeDatasets({
      ...testOptions,
      rateLimit: undefined,
      fetch,
      rateLimiter: limiter,
    });
    await expect(mode.datasets.get(ids)).resolves.toEqual(dataset);
    expect(limiter.pauses).toEqual([250]);
    expect(limiter.acquired).toBe(2);
  });

  it("tells it before giving up on a Retry-After longer than maxRetryAfterMs", async () => {
    const limiter = recordingLimiter();
    const { fetch, requests } = recordingFetch(() =>
      modeError(429, "rate_limited", "slow down", { "Retry-After": "999" }),
    );
    const client = createModeClient({
      ...testOptions,
      rateLimit: undefined,
      fetch,
      rateLimiter: limiter,
    });
    const { response } = await client.GET("/{account}/datasets/{dataset}", {
      params: { path: ids },
    });
    expect(response.status).toBe(429);
    expect(requests).toHaveLength(1);
    expect(limiter.pauses).toEqual([999_000]);
  });

  it("tells it when rate-limit headers say the budget is spent, on any answer", async () => {
    const limiter = recordingLimiter();
    const { fetch } = recordingFetch(() =>
      hal(dataset, {
        headers: {
          "X-RateLimit-Limit": "40",
          "X-RateLimit-Remaining": "0",
          "X-RateLimit-Reset": "7",
        },
      }),
    );
    const mode = createModeDatasets({
      ...testOptions,
      rateLimit: undefined,
      fetch,
      rateLimiter: limiter,
    });
    await mode.datasets.get(ids);
    expect(limiter.pauses).toEqual([7000]);
  });

  it("keeps a request alive when pause throws or rejects, with no unhandled rejection", async () => {
    for (const pause of [
      () => {
        throw new Error("store down");
      },
      () => Promise.reject(new Error("store down")),
    ]) {
      const limiter = recordingLimiter(pause);
      const { fetch } = recordingFetch((_, i) =>
        i === 0
          ? modeError(429, "rate_limited", "slow down", { "Retry-After": "0" })
          : hal(dataset),
      );
      const mode = createModeDatasets({
        ...testOptions,
        rateLimit: undefined,
        fetch,
        rateLimiter: limiter,
      });
      await expect(mode.datasets.get(ids)).resolves.toEqual(dataset);
      expect(limiter.pauses).toEqual([0]);
    }
    // An unhandled rejection would surface here, failing the run.
    await settle();
  });

  it("accepts a limiter without pause", async () => {
    const acquire = (): Promise<RateLimitRelease> => Promise.resolve(() => undefined);
    const { fetch } = recordingFetch((_, i) =>
      i === 0 ? modeError(429, "rate_limited", "slow down", { "Retry-After": "0" }) : hal(dataset),
    );
    const mode = createModeDatasets({
      ...testOptions,
      rateLimit: undefined,
      fetch,
      rateLimiter: { acquire },
    });
    await expect(mode.datasets.get(ids)).resolves.toEqual(dataset);
  });

  it("refuses rateLimit and rateLimiter together, and a limiter without acquire", () => {
    const limiter = recordingLimiter();
    expect(() => createModeClient({ ...testOptions, rateLimiter: limiter })).toThrow(
      /either `rateLimit` or `rateLimiter`/,
    );
    expect(() =>
      createModeDatasets({ ...testOptions, rateLimit: undefined, rateLimiter: {} as RateLimiter }),
    ).toThrow(/rateLimiter of type object has no acquire method/);
    expect(() =>
      createModeClient({
        ...testOptions,
        rateLimit: undefined,
        rateLimiter: { acquire: limiter.acquire, pause: 5 } as unknown as RateLimiter,
      }),
    ).toThrow(/rateLimiter.pause has type number/);
  });
});
