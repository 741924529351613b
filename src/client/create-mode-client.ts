import createClient, {
  type Client,
  type FetchResponse,
  type MaybeOptionalInit,
} from "openapi-fetch";
import type { paths } from "../../generated/schema.js";
import { errorMiddleware } from "../errors/middleware.js";
import { readEnv } from "../internal/env.js";
import { isLoopbackHost } from "../internal/loopback.js";
import { createRateLimiter, type RateLimiter } from "../resilience/rate-limiter.js";
import { createSender } from "../resilience/resilient-fetch.js";
import { resolveRetryOptions } from "../resilience/retry.js";
import {
  assertCredentials,
  createAuth,
  type ModeCredentials,
  type ModeCredentialsProvider,
} from "./auth.js";
import { checkHeaders } from "./headers.js";
import { DEFAULTS, type ModeClientOptions } from "./options.js";
import { checkedPathSerializer, checkPathGiven } from "./path-params.js";
import { attachTransport, checkTimeout, createTransport } from "./transport.js";
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
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULTS.maxResponseBytes;
  if (
    maxResponseBytes !== false &&
    (!Number.isSafeInteger(maxResponseBytes) || maxResponseBytes < 1)
  ) {
    throw new RangeError(
      `maxResponseBytes ${String(maxResponseBytes)} is invalid; expected a whole number of bytes of at least 1, or false`,
    );
  }
  const settings = {
    timeoutMs: checkTimeout(options.timeoutMs ?? DEFAULTS.timeoutMs),
    retry: resolveRetryOptions(options.retry, DEFAULTS.retry),
  };
  const transport = createTransport(
    settings,
    createAuth(credentials.provider, credentials.source),
    createSender({ fetch: options.fetch, rateLimiter: rateLimiterFrom(options), maxResponseBytes }),
  );
  const client = createClient<paths>({
    baseUrl,
    headers,
    pathSerializer: checkedPathSerializer,
    fetch: (request: Request) => transport.send(request, settings),
  });
  // One middleware, so each call pays for one round of hooks: a bad path parameter is refused
  // before anything else, and what needs the operation is done on the way back.
  client.use({ onRequest: checkPathGiven, ...errorMiddleware });
  return attachTransport(client, transport);
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
