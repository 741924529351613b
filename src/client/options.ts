import type { RateLimiter, RateLimitOptions } from "../resilience/rate-limiter.js";
import type { RetryOptions } from "../resilience/retry.js";
import type { ModeCredentialsProvider } from "./auth.js";

/**
 * Options of `createModeClient` (and `createModeDatasets`). All optional; defaults in
 * `DEFAULTS` below. An explicit `undefined` means "use the default", so `token: process.env.X` works.
 */
export interface ModeClientOptions {
  /** API token (the Basic user name). Default: `MODE_API_TOKEN` from the environment, where one exists. */
  token?: string | undefined;
  /** API secret (the Basic password). Default: `MODE_API_SECRET` from the environment, where one exists. */
  secret?: string | undefined;
  /**
   * Called before every request for `{ token, secret }`, for rotation or a secret store. Replaces
   * `token`/`secret` (pass one or the other). Default: none.
   */
  credentials?: ModeCredentialsProvider | undefined;
  /**
   * API root. Default: `MODE_BASE_URL` from the environment where one is set (the contract kit
   * sets it to its mock), else `https://app.mode.com/api`. Plain http:// is allowed only to
   * loopback hosts, from either source.
   */
  baseUrl?: string | undefined;
  /** The fetch to send requests with (tests, proxies, instrumentation). Default `globalThis.fetch`. */
  fetch?: ((input: Request) => Promise<Response>) | undefined;
  /** Milliseconds each attempt may take, body included; `false` for no limit. Default 30 000. */
  timeoutMs?: number | false | undefined;
  /**
   * Largest response body read, in bytes, counted after decompression; a longer one is cancelled
   * where it passes the limit and throws `ModeResponseTooLargeError`. `false` for no limit.
   * Default 10 MiB (10 485 760).
   */
  maxResponseBytes?: number | false | undefined;
  /** Retry policy; `false` turns retries off. Default: 2 retries of GET/HEAD, see `RetryOptions`. */
  retry?: RetryOptions | false | undefined;
  /**
   * Client-side limit: at most `requests` attempts in flight or finished within any
   * `intervalMs`, queueing the rest; `false` turns it off. Default
   * `{ requests: 40, intervalMs: 10_000 }` per client (Mode's documented limit).
   */
  rateLimit?: RateLimitOptions | false | undefined;
  /**
   * A limiter of your own in place of the in-process one, e.g. one shared by several processes
   * on one credential: any object with `acquire(signal?)` and, optionally, `pause(ms)`, which
   * the client calls when the API says its budget is spent. Pass this or `rateLimit`, not both.
   * Default: none (the in-process limiter set by `rateLimit`).
   */
  rateLimiter?: RateLimiter | undefined;
  /** `User-Agent` header (browsers may ignore it). Default `mode-datasets/<version>`. */
  userAgent?: string | undefined;
  /** Extra headers sent on every request; values with CR or LF are refused. Default: none. */
  headers?: Record<string, string> | undefined;
}

/**
 * Every default of the client, declared once, beside the options they fill in. Each option's doc
 * comment names its default; test/unit/client/options.test.ts checks the README's table against
 * these values.
 */
export const DEFAULTS = {
  /** Mode's only documented host. */
  baseUrl: "https://app.mode.com/api",
  /** Environment variable read for the API root when `baseUrl` is not given. */
  baseUrlEnv: "MODE_BASE_URL",
  /** Environment variables read for credentials when `token`/`secret` are not given. */
  tokenEnv: "MODE_API_TOKEN",
  secretEnv: "MODE_API_SECRET",
  /** Sent as `User-Agent` so Mode can tell this client apart (kept in step with package.json). */
  userAgent: "mode-datasets/0.1.0",
  /** Per attempt, so a retried request gets a fresh budget. */
  timeoutMs: 30_000,
  /** Far above any page Mode sends; it bounds what a broken or hostile server can make us hold. */
  maxResponseBytes: 10 * 1024 * 1024,
  retry: {
    retries: 2,
    /** Only idempotent reads: a replayed POST /runs starts another report run. */
    methods: ["GET", "HEAD"],
    statuses: [408, 429, 500, 502, 503, 504],
    baseDelayMs: 500,
    maxDelayMs: 8_000,
    /** A longer `Retry-After` is not waited out: the response is returned (or thrown) at once. */
    maxRetryAfterMs: 30_000,
  },
  /** Mode documents about 40 requests per 10 seconds per user. */
  rateLimit: { requests: 40, intervalMs: 10_000 },
  /** Hard stop for pagination, in case a listing never signals its end. */
  maxPages: 1_000,
  /**
   * `waitForRun`: the first wait before a poll, its growth per poll, the longest wait, and when
   * to give up. Most runs end within seconds; a long one is still seen every 15 s.
   */
  waitForRun: { intervalMs: 1_000, backoff: 1.5, maxIntervalMs: 15_000, timeoutMs: 600_000 },
  /**
   * `iterateAllDatasets`: Collection listings walked at once (enough to keep the rate limiter's
   * queue from running dry while pages are in flight), and every Collection, not only the
   * caller's.
   */
  iterateAllDatasets: { concurrency: 8, filter: "all" },
} as const;
