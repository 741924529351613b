import type { Middleware } from "openapi-fetch";
import { redactText, redactUrl, redactValue, secretsOf } from "../internal/redact.js";
import { factsOf, hasFacts, recordFacts } from "../internal/response-facts.js";
import { TransportFailure } from "../resilience/resilient-fetch.js";
import {
  type ModeApiError,
  ModeConnectionError,
  ModeInvalidResponseError,
  ModeResponseTooLargeError,
  ModeTimeoutError,
} from "./errors.js";

// Statuses whose responses must not carry a body (the Response constructor refuses one).
const NULL_BODY_STATUSES = new Set([204, 205, 304]);
const MAX_BODY_IN_ERROR = 500;

/**
 * The one place where a response becomes safe to hand over, and where a request that produced
 * no usable answer becomes a typed error. It runs last of the middleware on the way back, on
 * the Response the resilient fetch built, and reads the credentials to redact from the
 * request's own Authorization header, so no state is kept per call:
 * - an error status: the body is parsed and redacted as a value (a server can hide a secret
 *   behind JSON escapes such as `\/` that only parsing undoes), then the status text, the
 *   headers and the URL, so the plain client's `error` and `response` are clean too;
 * - a success answered to `parseAs: "json"`: the body is parsed here, once, and handed to
 *   openapi-fetch through `json()`; one that does not parse is a `ModeInvalidResponseError`
 *   that never quotes the parser's message (V8's quotes the body). A successful DELETE's body
 *   is not read: the operation promises none;
 * - a transport failure: a `ModeTimeoutError`, `ModeConnectionError` or
 *   `ModeResponseTooLargeError`.
 */
export function createErrorMiddleware(): Middleware {
  return {
    async onResponse({ request, response, schemaPath, options }) {
      const secrets = secretsOf(request);
      if (!response.ok) return redactedErrorResponse(response, secrets);
      if (hasFacts(response)) recordFacts(response, { secrets });
      if (
        options.parseAs !== "json" ||
        request.method === "HEAD" ||
        response.body === null ||
        NULL_BODY_STATUSES.has(response.status)
      ) {
        return undefined;
      }
      if (request.method === "DELETE") return handOver(response, "", undefined, secrets);
      const text = await response.text();
      if (text === "") return handOver(response, text, undefined, secrets);
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        const type = response.headers.get("content-type");
        const json = /\bjson\b/i.test(type ?? "");
        throw new ModeInvalidResponseError({
          message: `${request.method} ${schemaPath} answered ${response.status} with a body that is not ${json ? "valid " : ""}JSON (content-type ${type ?? "none"})`,
          method: request.method,
          path: schemaPath,
          url: response.url || request.url,
          status: response.status,
          // Redacted whole before it is cut, so no part of a secret survives the cut.
          body: redactText(text, secrets).slice(0, MAX_BODY_IN_ERROR),
          attempts: factsOf(response).attempts,
          secrets,
        });
      }
      return handOver(response, text, value, secrets);
    },
    onError({ error, request, schemaPath }) {
      if (error instanceof TransportFailure) return transportError(error, request, schemaPath);
      return undefined;
    },
  };
}

/**
 * Makes openapi-fetch's `response.json()` return `value`. openapi-fetch calls `json()` only
 * when Content-Length is present, as it is on every Response the resilient fetch built. A
 * Response another middleware put in its place is rebuilt, with that header, so that the facts
 * recorded for it are keyed on an object of the client's own.
 */
function handOver(
  response: Response,
  text: string,
  value: unknown,
  secrets: readonly string[],
): Response | undefined {
  let target = response;
  if (!hasFacts(response) || !response.headers.has("content-length")) {
    const headers = new Headers(response.headers);
    headers.set("content-length", String(new TextEncoder().encode(text).byteLength));
    headers.delete("transfer-encoding");
    target = new Response(text === "" ? null : text, {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
    Object.defineProperty(target, "url", { value: response.url });
    recordFacts(target, { attempts: factsOf(response).attempts, secrets });
  }
  Object.defineProperty(target, "json", { value: () => Promise.resolve(value) });
  return target === response ? undefined : target;
}

/** The error response with the credentials redacted from everything openapi-fetch or a caller reads. */
async function redactedErrorResponse(
  response: Response,
  secrets: readonly string[],
): Promise<Response | undefined> {
  const { status } = response;
  // A status outside 200-599 (a browser's opaque redirect) cannot be rebuilt, and has no body.
  if (status < 200 || status > 599) return undefined;
  if (secrets.length === 0 && hasFacts(response)) {
    recordFacts(response, { secrets });
    return undefined;
  }
  const text = response.body === null ? "" : await response.text();
  let body = text;
  if (text !== "") {
    try {
      const value: unknown = JSON.parse(text);
      const redacted = redactValue(value, secrets);
      if (redacted !== value) body = JSON.stringify(redacted);
    } catch {
      body = redactText(text, secrets);
    }
  }
  const headers = new Headers();
  response.headers.forEach((value, name) => {
    // A header whose name is a credential is dropped: a name cannot be partly redacted.
    if (redactText(name, secrets) === name) headers.append(name, redactText(value, secrets));
  });
  const empty = body === "" || NULL_BODY_STATUSES.has(status);
  headers.set("content-length", empty ? "0" : String(new TextEncoder().encode(body).byteLength));
  headers.delete("transfer-encoding");
  const copy = new Response(empty ? null : body, {
    status,
    statusText: redactText(response.statusText, secrets),
    headers,
  });
  Object.defineProperty(copy, "url", { value: redactUrl(response.url, secrets) });
  recordFacts(copy, { attempts: factsOf(response).attempts, secrets });
  return copy;
}

function transportError(failure: TransportFailure, request: Request, path: string): ModeApiError {
  const method = request.method.toUpperCase();
  const { url } = request;
  const { attempts, cause, options } = failure;
  const tries = attempts === 1 ? "1 attempt" : `${attempts} attempts`;
  const common = { method, path, url, attempts, cause, secrets: secretsOf(request) };
  if (failure.failure === "too_large") {
    return new ModeResponseTooLargeError({
      ...common,
      status: failure.status,
      message: `${method} ${path} answered ${String(failure.status)} with a body over maxResponseBytes (${String(options.maxResponseBytes)} bytes); not read further (${tries})`,
    });
  }
  if (failure.failure === "timeout") {
    return new ModeTimeoutError({
      ...common,
      message: `${method} ${path} timed out after ${String(options.timeoutMs)} ms (${tries})`,
    });
  }
  const reason = cause instanceof Error ? describeCause(cause) : String(cause);
  return new ModeConnectionError({
    ...common,
    message: `${method} ${path} failed to connect: ${reason} (${tries})`,
  });
}

// undici reports "fetch failed" and puts the useful part (ECONNRESET, ECONNREFUSED) in cause.
function describeCause(error: Error): string {
  const inner = error.cause;
  if (inner instanceof Error && inner.message) return `${error.message} (${inner.message})`;
  return error.message;
}
