import type { ModeCredentialsProvider } from "./credentials.js";
import type { RateLimitOptions } from "./rate-limiter.js";
import type { RetryOptions } from "./retry-options.js";

/**
 * Options of `createModeClient` (and `createModeDatasets`). All optional; defaults in
 * ./defaults.ts. An explicit `undefined` means "use the default", so `token: process.env.X` works.
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
  /** API root. Default `https://app.mode.com/api`. Plain http:// is allowed only to loopback hosts. */
  baseUrl?: string | undefined;
  /** The fetch to send requests with (tests, proxies, instrumentation). Default `globalThis.fetch`. */
  fetch?: ((input: Request) => Promise<Response>) | undefined;
  /** Milliseconds each attempt may take, body included; `false` for no limit. Default 30 000. */
  timeoutMs?: number | false | undefined;
  /** Retry policy; `false` turns retries off. Default: 2 retries of GET/HEAD, see `RetryOptions`. */
  retry?: RetryOptions | false | undefined;
  /**
   * Client-side limit: at most `requests` attempts in flight or finished within any
   * `intervalMs`, queueing the rest; `false` turns it off. Default
   * `{ requests: 40, intervalMs: 10_000 }` per client (Mode's documented limit).
   */
  rateLimit?: RateLimitOptions | false | undefined;
  /** `User-Agent` header (browsers may ignore it). Default `mode-datasets/<version>`. */
  userAgent?: string | undefined;
  /** Extra headers sent on every request; values with CR or LF are refused. Default: none. */
  headers?: Record<string, string> | undefined;
}
