/**
 * Every default of the client, declared once. Option doc comments name these values; the
 * README table is checked against them by test/unit/defaults.test.ts.
 */
export const DEFAULTS = {
  /** Mode's only documented host. */
  baseUrl: "https://app.mode.com/api",
  /** Environment variables read for credentials when `token`/`secret` are not given. */
  tokenEnv: "MODE_API_TOKEN",
  secretEnv: "MODE_API_SECRET",
  /** Sent as `User-Agent` so Mode can tell this client apart (kept in step with package.json). */
  userAgent: "mode-datasets/0.1.0",
  /** Per attempt, so a retried request gets a fresh budget. */
  timeoutMs: 30_000,
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
} as const;
