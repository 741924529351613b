// What every method of the throwing layer does: resolve its per-call options once, send one
// request through the openapi-fetch client, and turn the answer into a body or a typed error.
import type { FetchResponse } from "openapi-fetch";
import type { operations, paths } from "../../generated/schema.js";
import type { ModeClient } from "../client/create-mode-client.js";
import { checkHeaders } from "../client/headers.js";
import { type CallRecord, callSettings, transportOf } from "../client/transport.js";
import { type ModeApiError, ModeInvalidResponseError } from "../errors/errors.js";
import { errorFromResponse } from "../errors/from-response.js";
import { heldOf } from "../resilience/answer.js";
import type { RetryOptions } from "../resilience/retry.js";

export type PathParams<K extends keyof operations> = operations[K]["parameters"]["path"];
export type QueryParams<K extends keyof operations> = NonNullable<
  operations[K]["parameters"]["query"]
>;
/** Path and query parameters of a listing in one object, e.g. `{ account, space, per_page }`. */
export type ListParams<K extends keyof operations> = PathParams<K> & QueryParams<K>;
export type IterateParams<K extends keyof operations> = PathParams<K> &
  Omit<QueryParams<K>, "page">;

/** Per-call options of every throwing-layer method and iterator. */
export interface CallOptions {
  /** Aborts the call (and any wait for a retry or a rate-limit slot). */
  signal?: AbortSignal | undefined;
  /** This call's per-attempt timeout, in place of the client's; `false` for none. */
  timeoutMs?: number | false | undefined;
  /** This call's retry policy, laid over the client's; `false` for no retries. */
  retry?: RetryOptions | false | undefined;
  /** Headers for this call only, over the client's; values with CR or LF are refused. */
  headers?: Record<string, string> | undefined;
}

/**
 * What a method returns: a Promise of the body that also offers `.withResponse()`, the body
 * with the Response it came in (for its headers: rate-limit counters, request ids).
 */
export type ModePromise<T> = Promise<T> & {
  withResponse(): Promise<{ data: T; response: Response }>;
};

/** The success body of an operation, as openapi-fetch types it. */
export type Data<P extends keyof paths, M extends keyof paths[P]> = NonNullable<
  FetchResponse<
    Extract<paths[P][M], Record<string | number, unknown>>,
    object,
    `${string}/${string}`
  >["data"]
>;

/** The init one call hands openapi-fetch, and what it learns about the credentials it sent. */
export interface Prepared {
  init: {
    signal?: AbortSignal;
    headers?: Record<string, string>;
    fetch?: (request: Request) => Promise<Response>;
  };
  record: CallRecord;
}

/**
 * One call's options resolved once: its signal and headers for openapi-fetch, and its timeout
 * and retry policy in a fetch of its own, which sends through the client's transport. A client
 * not made by `createModeClient` has no transport: signal and headers still apply.
 */
export function prepare(client: ModeClient, options: CallOptions = {}): Prepared {
  const record: CallRecord = { secrets: [] };
  const init: Prepared["init"] = {};
  if (options.signal) init.signal = options.signal;
  if (options.headers) init.headers = checkHeaders(options.headers);
  const transport = transportOf(client);
  if (transport) {
    const settings = callSettings(transport.settings, options);
    init.fetch = (request) => transport.send(request, settings, record);
  } else if (options.timeoutMs !== undefined || options.retry !== undefined) {
    throw new TypeError(
      "timeoutMs and retry per call need a client made by createModeClient; set them on the client instead",
    );
  }
  return { init, record };
}

/** Splits `{ account, space, per_page }` into the path template's parameters and the query. */
export function splitParams(
  template: string,
  params: object,
): { path: Record<string, unknown>; query: Record<string, unknown> } {
  const path: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    (template.includes(`{${key}}`) ? path : query)[key] = value;
  }
  return { path, query };
}

export interface CallResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

type LooseRequest = (
  method: string,
  path: string,
  init: Record<string, unknown>,
) => Promise<CallResult>;

/**
 * Sends `method path` with its path and query parameters and an optional body, under one
 * call's options. One generic call site: what each method returns is typed where the method is
 * defined, from the spec's types (`Data`, `ListingItem`).
 */
export function send(
  client: ModeClient,
  method: string,
  path: string,
  params: { path: Record<string, unknown>; query?: Record<string, unknown> | undefined },
  prepared: Prepared,
  body?: unknown,
): Promise<CallResult> {
  return (client.request as unknown as LooseRequest)(method, path, {
    params,
    ...(body === undefined ? {} : { body }),
    ...prepared.init,
  });
}

/** Throws the typed error of an answer that is not a success. */
export function throwUnlessOk(result: CallResult, method: string, path: string): void {
  if (!result.response.ok)
    throw errorFromResponse({ body: result.error, response: result.response, method, path });
}

/**
 * An error about a success answer the client refuses (a body that is not the promised object,
 * a listing without its items): the attempts it took, and the credentials it carried redacted.
 */
export function refused(
  message: string,
  method: string,
  path: string,
  result: CallResult,
  record: CallRecord,
  ErrorClass: typeof ModeApiError = ModeInvalidResponseError,
): ModeApiError {
  const { response } = result;
  return new ErrorClass({
    message,
    method,
    path,
    url: response.url || undefined,
    status: response.status,
    body: result.data,
    attempts: heldOf(response)?.attempts,
    secrets: record.secrets,
  });
}

/** The body of a success that must be a JSON object; throws the typed error otherwise. */
export function objectOf<T>(
  result: CallResult,
  method: string,
  path: string,
  record: CallRecord,
): T {
  throwUnlessOk(result, method, path);
  // Every operation read here promises a JSON object; `null`, an array or a scalar would
  // otherwise be handed back typed as one.
  const { data } = result;
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    const what =
      data === undefined
        ? "an empty body"
        : `${data === null ? "null" : Array.isArray(data) ? "an array" : `a ${typeof data}`} where an object was expected`;
    throw refused(
      `${method} ${path} answered ${result.response.status} with ${what}`,
      method,
      path,
      result,
      record,
    );
  }
  return data as T;
}

/**
 * Runs a call and returns its value as a `ModePromise`. The value's own promise is marked
 * handled once `.withResponse()` is asked for, so a caller that awaits only that one does not
 * leave an unhandled rejection behind; a caller that awaits neither still hears of a failure.
 */
export function modePromise<T>(
  run: () => Promise<{ data: T; response: Response }>,
): ModePromise<T> {
  let call: Promise<{ data: T; response: Response }>;
  try {
    call = run();
  } catch (error) {
    call = Promise.reject(error);
  }
  const data = call.then((result) => result.data);
  return Object.assign(data, {
    withResponse() {
      data.catch(() => undefined);
      return call;
    },
  });
}

type Method = "get" | "patch" | "post" | "delete";

/** A method returning a JSON object: the `GET`, `PATCH` or `POST` of one resource. */
export function callForObject<P extends keyof paths, M extends keyof paths[P] & Method>(
  client: ModeClient,
  method: M,
  path: P,
  params: object,
  options: CallOptions | undefined,
  body?: () => unknown,
): ModePromise<Data<P, M>> {
  const verb = method.toUpperCase();
  return modePromise(async () => {
    // Checked inside, so bad input rejects the promise like any other failure.
    const payload = body?.();
    const prepared = prepare(client, options);
    const result = await send(client, verb, path, splitParams(path, params), prepared, payload);
    return { data: objectOf(result, verb, path, prepared.record), response: result.response };
  });
}

/** A DELETE, whose success carries nothing the caller needs: its body is not read. */
export function callForNothing<P extends keyof paths>(
  client: ModeClient,
  path: P,
  params: object,
  options: CallOptions | undefined,
): ModePromise<void> {
  return modePromise(async () => {
    const prepared = prepare(client, options);
    const result = await send(client, "DELETE", path, splitParams(path, params), prepared);
    throwUnlessOk(result, "DELETE", path);
    return { data: undefined, response: result.response };
  });
}
