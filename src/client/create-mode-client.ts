import createClient, {
  type Client,
  type FetchResponse,
  type MaybeOptionalInit,
} from "openapi-fetch";
import { errorMiddleware } from "../errors/middleware.js";
import { invalid } from "../internal/checks.js";
import { readEnv } from "../internal/env.js";
import { createRateLimiter, type RateLimiter } from "../resilience/rate-limiter.js";
import { createSender, markingRequest } from "../resilience/resilient-fetch.js";
import { resolveRetryOptions } from "../resilience/retry.js";
import { assertCredentials, checkUrl, createAuth, type ModeCredentials } from "./auth.js";
import { checkHeaders } from "./headers.js";
import { createLog } from "./logger.js";
import { DEFAULTS, type ModeClientOptions } from "./options.js";
import { checkPathGiven, serializePath } from "./path-params.js";
import { attachTransport, checkTimeout, createTransport } from "./transport.js";
import type { ModePaths } from "./typed-paths.js";

/**
 * A PATCH or POST whose init is typed directly rather than inferred: openapi-fetch infers `init`
 * as a generic, and TypeScript skips excess-property checks on nested literals checked against a
 * generic's constraint, so `body: { report: { title } }` would compile. Contextual typing keeps
 * the check.
 */
type BodyMethod<M extends "patch" | "post"> = <P extends PathsWith<M>>(
  url: P,
  init: NonNullable<MaybeOptionalInit<ModePaths[P], M>>,
) => Promise<
  FetchResponse<
    Extract<ModePaths[P][M], Record<string, unknown>>,
    MaybeOptionalInit<ModePaths[P], M>,
    `${string}/${string}`
  >
>;

/** Paths that define method M (openapi-typescript writes `m?: never` for the others). */
type PathsWith<M extends string> = {
  [P in keyof ModePaths]: ModePaths[P] extends Record<M, object> ? P : never;
}[keyof ModePaths];

/**
 * An openapi-fetch client typed by Mode's Datasets API: request bodies checked strictly, and a
 * listing's `filter` typed by Mode's grammar (see `FilterParam`).
 */
export type ModeClient = Omit<Client<ModePaths>, "PATCH" | "POST"> & {
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
  const baseUrl = options.baseUrl ?? fromEnv ?? DEFAULTS.baseUrl;
  checkUrl(baseUrl, fromEnv === undefined ? "baseUrl" : DEFAULTS.baseUrlEnv);
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULTS.maxResponseBytes;
  if (
    maxResponseBytes !== false &&
    !(Number.isSafeInteger(maxResponseBytes) && maxResponseBytes > 0)
  )
    throw invalid(
      "maxResponseBytes",
      maxResponseBytes,
      "a whole number of bytes of at least 1, or false",
    );
  const settings = {
    timeoutMs: checkTimeout(options.timeoutMs ?? DEFAULTS.timeoutMs),
    retry: resolveRetryOptions(options.retry, DEFAULTS.retry),
  };
  const transport = createTransport(
    settings,
    createAuth(...credentialsFrom(options), baseUrl),
    createSender({
      fetch: options.fetch,
      rateLimiter: rateLimiterFrom(options),
      maxResponseBytes,
      log: createLog(options.logger, options.logLevel, DEFAULTS.logLevelEnv),
    }),
  );
  const client = createClient<ModePaths>({
    baseUrl,
    headers: checkHeaders({
      // Mode's documented Accept for success bodies, plus the JSON its error bodies come in.
      Accept: "application/hal+json, application/json;q=0.9",
      "User-Agent": options.userAgent ?? DEFAULTS.userAgent,
      ...options.headers,
    }),
    pathSerializer: serializePath,
    Request: markingRequest(),
    fetch: (request: Request) => transport.send(request, settings),
  });
  // One middleware, so each call pays for one round of hooks: a bad path parameter is refused
  // before anything else, and what needs the operation is done on the way back.
  client.use({ onRequest: checkPathGiven, ...errorMiddleware });
  return attachTransport(client, transport);
}

function rateLimiterFrom({ rateLimit, rateLimiter }: ModeClientOptions): RateLimiter | undefined {
  if (rateLimiter === undefined) {
    const limit = rateLimit ?? DEFAULTS.rateLimit;
    return limit === false ? undefined : createRateLimiter(limit);
  }
  if (rateLimit !== undefined)
    throw new TypeError(
      "Pass either `rateLimit` or `rateLimiter` to createModeClient, not both: `rateLimit` configures the in-process limiter that `rateLimiter` replaces",
    );
  const { acquire, pause } = (rateLimiter ?? {}) as unknown as Record<string, unknown>;
  if (typeof acquire !== "function" || (pause !== undefined && typeof pause !== "function"))
    throw invalid(
      "rateLimiter",
      typeof rateLimiter,
      "an object with acquire(signal?) and optionally pause(ms)",
      TypeError,
    );
  return rateLimiter;
}

/** Where the credentials come from: a function, the options, or the environment. */
function credentialsFrom(
  options: ModeClientOptions,
): [() => ModeCredentials | Promise<ModeCredentials>, string, boolean] {
  const { credentials, token: given, secret: givenSecret } = options;
  const fromOptions = given !== undefined || givenSecret !== undefined;
  if (credentials !== undefined) {
    if (fromOptions)
      throw new TypeError(
        "Pass either `credentials` or `token` and `secret` to createModeClient, not both",
      );
    if (typeof credentials !== "function")
      throw invalid(
        "credentials",
        typeof credentials,
        "a function returning { token, secret }",
        TypeError,
      );
    return [credentials, "the credentials function", false];
  }
  const fixed = {
    token: given ?? readEnv(DEFAULTS.tokenEnv),
    secret: givenSecret ?? readEnv(DEFAULTS.secretEnv),
  } as ModeCredentials;
  const source = fromOptions
    ? "the options"
    : `the environment (${DEFAULTS.tokenEnv}, ${DEFAULTS.secretEnv})`;
  // Explicitly given credentials are checked now; missing ones only when a request needs them,
  // so a client can be created before the environment is complete (module scope, tests).
  if (fromOptions) assertCredentials(fixed, source);
  return [() => fixed, source, true];
}
