import createClient, {
  type Client,
  type FetchResponse,
  type MaybeOptionalInit,
} from "openapi-fetch";
import type { paths } from "../../generated/schema.js";
import { createErrorMiddleware } from "../errors/invalid-response.js";
import { readEnv } from "../internal/env.js";
import { isLoopbackHost } from "../internal/loopback.js";
import { checkDuration } from "../internal/timers.js";
import { createRateLimiter, type RateLimiter } from "../resilience/rate-limiter.js";
import { createResilientFetch } from "../resilience/resilient-fetch.js";
import { resolveRetryOptions } from "../resilience/retry.js";
import {
  assertCredentials,
  createAuthMiddleware,
  type ModeCredentials,
  type ModeCredentialsProvider,
} from "./auth.js";
import { DEFAULTS, type ModeClientOptions } from "./options.js";
import { checkedPathSerializer, createPathParamsMiddleware } from "./path-params.js";

/**
 * A PATCH or POST whose init is typed directly rather than inferred: openapi-fetch infers `init`
 * as a generic, and TypeScript skips excess-property checks on nested literals checked against a
 * generic's constraint, so `body: { report: { title } }` would compile. Contextual typing keeps
 * the check.
 */
type BodyMethod<M extends "patch" | "post"> = <P extends PathsWith<M>>(
  url: P,
  init: NonNullable<MaybeOptionalInit<paths[P], M>>,
) => Promise<
  FetchResponse<
    Extract<paths[P][M], Record<string, unknown>>,
    MaybeOptionalInit<paths[P], M>,
    `${string}/${string}`
  >
>;

/** Paths that define method M (openapi-typescript writes `m?: never` for the others). */
type PathsWith<M extends string> = {
  [P in keyof paths]: paths[P] extends Record<M, object> ? P : never;
}[keyof paths];

/** An openapi-fetch client typed by Mode's Datasets API (request bodies checked strictly). */
export type ModeClient = Omit<Client<paths>, "PATCH" | "POST"> & {
  PATCH: BodyMethod<"patch">;
  POST: BodyMethod<"post">;
};

/**
 * Creates an openapi-fetch client for Mode's Datasets API with Basic auth, retries, per-attempt
 * timeouts and client-side rate limiting. Calls return `{ data, error, response }` as usual.
 */
export function createModeClient(options: ModeClientOptions = {}): ModeClient {
  // An empty variable counts as unset, as CI systems often export empty ones.
  const fromEnv =
    options.baseUrl === undefined ? readEnv(DEFAULTS.baseUrlEnv) || undefined : undefined;
  const baseUrl = checkBaseUrl(
    options.baseUrl ?? fromEnv ?? DEFAULTS.baseUrl,
    fromEnv === undefined ? "baseUrl" : DEFAULTS.baseUrlEnv,
  );
  const headers = checkHeaders({
    // Mode's documented Accept for success bodies, plus the JSON its error bodies come in.
    Accept: "application/hal+json, application/json;q=0.9",
    "User-Agent": options.userAgent ?? DEFAULTS.userAgent,
    ...options.headers,
  });
  const credentials = credentialsFrom(options);
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  if (timeoutMs !== false) checkDuration("timeoutMs", timeoutMs, true);
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULTS.maxResponseBytes;
  if (
    maxResponseBytes !== false &&
    (!Number.isSafeInteger(maxResponseBytes) || maxResponseBytes < 1)
  ) {
    throw new RangeError(
      `maxResponseBytes ${String(maxResponseBytes)} is invalid; expected a whole number of bytes of at least 1, or false`,
    );
  }
  const rateLimiter = rateLimiterFrom(options);
  const baseFetch = options.fetch ?? ((input: Request) => globalThis.fetch(input));
  const client = createClient<paths>({
    baseUrl,
    headers,
    pathSerializer: checkedPathSerializer,
    fetch: createResilientFetch({
      fetch: baseFetch,
      retry: resolveRetryOptions(options.retry),
      timeoutMs,
      maxResponseBytes,
      rateLimiter,
    }),
  });
  // onResponse runs last-registered first: auth scrubs echoed secrets before errors are shaped.
  // onRequest runs in this order, so a bad path parameter is refused before anything else.
  client.use(
    createPathParamsMiddleware(),
    createErrorMiddleware(),
    createAuthMiddleware(credentials.provider, credentials.source),
  );
  return client;
}

function rateLimiterFrom(options: ModeClientOptions): RateLimiter | undefined {
  const { rateLimiter } = options;
  if (rateLimiter === undefined) {
    const rateLimit = options.rateLimit ?? DEFAULTS.rateLimit;
    return rateLimit === false ? undefined : createRateLimiter(rateLimit);
  }
  if (options.rateLimit !== undefined) {
    throw new TypeError(
      "Pass either `rateLimit` or `rateLimiter` to createModeClient, not both: `rateLimit` configures the in-process limiter that `rateLimiter` replaces",
    );
  }
  const candidate = rateLimiter as Partial<Record<keyof RateLimiter, unknown>> | null;
  if (
    candidate === null ||
    typeof candidate !== "object" ||
    typeof candidate.acquire !== "function"
  ) {
    throw new TypeError(
      `rateLimiter ${candidate === null ? "null" : `of type ${typeof candidate}`} has no acquire method; expected { acquire(signal?), pause?(ms) }`,
    );
  }
  if (candidate.pause !== undefined && typeof candidate.pause !== "function") {
    throw new TypeError(
      `rateLimiter.pause has type ${typeof candidate.pause}; expected a function or none`,
    );
  }
  return rateLimiter;
}

function credentialsFrom(options: ModeClientOptions): {
  provider: ModeCredentialsProvider;
  source: string;
} {
  if (options.credentials !== undefined) {
    if (options.token !== undefined || options.secret !== undefined) {
      throw new TypeError(
        "Pass either `credentials` or `token` and `secret` to createModeClient, not both",
      );
    }
    if (typeof options.credentials !== "function") {
      throw new TypeError(
        `credentials has type ${typeof options.credentials}; expected a function returning { token, secret }`,
      );
    }
    return { provider: options.credentials, source: "the credentials function" };
  }
  const fromOptions = options.token !== undefined || options.secret !== undefined;
  const token = options.token ?? readEnv(DEFAULTS.tokenEnv);
  const secret = options.secret ?? readEnv(DEFAULTS.secretEnv);
  const source = fromOptions
    ? "the options"
    : `the environment (${DEFAULTS.tokenEnv}, ${DEFAULTS.secretEnv})`;
  // Explicitly given credentials are checked now; missing ones only when a request needs them,
  // so a client can be created before the environment is complete (module scope, tests).
  if (fromOptions) assertCredentials({ token, secret }, source);
  const fixed = { token, secret } as ModeCredentials;
  return { provider: () => fixed, source };
}

function checkBaseUrl(baseUrl: string, source: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(
      `${source} ${JSON.stringify(baseUrl)} is not an absolute URL; expected e.g. "${DEFAULTS.baseUrl}"`,
    );
  }
  if (url.username || url.password) {
    throw new TypeError(
      `${source} must not contain a user name or password; pass \`token\` and \`secret\` instead`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new TypeError(
      `${source} ${JSON.stringify(baseUrl)} uses ${url.protocol}; expected https:// (or http:// to a loopback host)`,
    );
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    throw new TypeError(
      `${source} ${JSON.stringify(baseUrl)} would send Mode credentials over plain http://; expected https:// (http:// is allowed only to localhost, 127.0.0.0/8 or [::1])`,
    );
  }
  return baseUrl;
}

// Header injection: a CR or LF in a value could start a new header or a new request.
function checkHeaders(headers: Record<string, string>): Record<string, string> {
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== "string") {
      throw new TypeError(
        `Header ${JSON.stringify(name)} has type ${typeof value}; expected a string`,
      );
    }
    if (/[\r\n]/.test(value) || /[\r\n]/.test(name)) {
      // The value is not echoed: custom headers often carry keys.
      throw new TypeError(
        `Header ${JSON.stringify(name)} contains CR or LF; expected a single-line name and value`,
      );
    }
  }
  return headers;
}
