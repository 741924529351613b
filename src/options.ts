import type { ModeCredentialsProvider } from "./credentials.js";
import type { RateLimitOptions } from "./rate-limiter.js";
import type { RetryOptions } from "./retry-options.js";

/** Options of `createModeClient` (and `createModeDatasets`). All optional; defaults in ./defaults.ts. */
export interface ModeClientOptions {
  /** API token (the Basic user name). Default: `MODE_API_TOKEN` from the environment, where one exists. */
  token?: string;
  /** API secret (the Basic password). Default: `MODE_API_SECRET` from the environment, where one exists. */
  secret?: string;
  /**
   * Called before every request for `{ token, secret }`, for rotation or a secret store. Replaces
   * `token`/`secret` (pass one or the other). Default: none.
   */
  credentials?: ModeCredentialsProvider;
  /** API root. Default `https://app.mode.com/api`. Plain http:// is allowed only to loopback hosts. */
  baseUrl?: string;
  /** The fetch to send requests with (tests, proxies, instrumentation). Default `globalThis.fetch`. */
  fetch?: (input: Request) => Promise<Response>;
  /** Milliseconds each attempt may take, body included; `false` for no limit. Default 30 000. */
  timeoutMs?: number | false;
  /** Retry policy; `false` turns retries off. Default: 2 retries of GET/HEAD, see `RetryOptions`. */
  retry?: RetryOptions | false;
  /**
   * Client-side limit on attempts started, queueing the rest; `false` turns it off. Default
   * `{ requests: 40, intervalMs: 10_000 }` per client (Mode's documented limit).
   */
  rateLimit?: RateLimitOptions | false;
  /** `User-Agent` header (browsers may ignore it). Default `mode-datasets/<version>`. */
  userAgent?: string;
  /** Extra headers sent on every request; values with CR or LF are refused. Default: none. */
  headers?: Record<string, string>;
}
