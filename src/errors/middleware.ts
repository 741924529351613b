import type { Middleware } from "openapi-fetch";
import { redactText, secretsOf } from "../internal/redact.js";
import { answerOf, decodeBody, heldOf } from "../resilience/answer.js";
import { TransportFailure } from "../resilience/resilient-fetch.js";
import {
  type ModeApiError,
  ModeConnectionError,
  ModeInvalidResponseError,
  ModeResponseTooLargeError,
  ModeTimeoutError,
} from "./errors.js";

const MAX_BODY_IN_ERROR = 500;

/**
 * What needs the operation (its path template, and how openapi-fetch will read the body): the
 * typed error for a request that got no usable answer, and the one parse of a success body.
 * - A success read as JSON is parsed here, once, and handed to openapi-fetch through `json()`;
 *   a body that does not parse is a `ModeInvalidResponseError` that never quotes the parser's
 *   message (V8's quotes the body). A successful DELETE's body is not read: none is promised.
 * - An error answer comes up already redacted (resilience/answer.ts). One that a caller's own
 *   middleware put in its place is redacted here, from the request's own credentials.
 * - A transport failure becomes a `ModeTimeoutError`, `ModeConnectionError` or
 *   `ModeResponseTooLargeError`.
 */
export const errorMiddleware: Middleware = {
  async onResponse({ request, response, schemaPath, options }) {
    const held = heldOf(response);
    if (!response.ok) {
      if (held) return undefined;
      const bytes = new Uint8Array(await response.arrayBuffer());
      return answerOf(response, bytes, 1, secretsOf(request));
    }
    const { method } = request;
    const { parseAs } = options;
    if (parseAs !== "json") {
      // The body was read beneath openapi-fetch; what it asks for is handed over from there.
      if (held?.bytes) hand(response, parseAs, readAs(held.bytes, parseAs), held.bytes.byteLength);
      return undefined;
    }
    const bytes = held?.bytes;
    const text = method === "DELETE" ? "" : bytes ? decodeBody(bytes) : await response.text();
    let value: unknown;
    try {
      value = text === "" ? undefined : JSON.parse(text);
    } catch {
      const type = response.headers.get("content-type");
      throw new ModeInvalidResponseError({
        message: `${method} ${schemaPath} answered ${response.status} with a body that is not ${/\bjson\b/i.test(type ?? "") ? "valid " : ""}JSON (content-type ${type ?? "none"})`,
        method,
        path: schemaPath,
        url: response.url || request.url,
        status: response.status,
        // Redacted whole before it is cut, so no part of a secret survives the cut.
        body: redactText(text, secretsOf(request)).slice(0, MAX_BODY_IN_ERROR),
        attempts: held?.attempts,
        secrets: secretsOf(request),
      });
    }
    hand(response, "json", value, bytes?.byteLength ?? new TextEncoder().encode(text).byteLength);
    return undefined;
  },
  onError({ error, request, schemaPath }) {
    return error instanceof TransportFailure
      ? transportError(error, request, schemaPath)
      : undefined;
  },
};

const readAs = (bytes: Uint8Array, parseAs: string): unknown => {
  if (parseAs === "text") return decodeBody(bytes);
  if (parseAs === "arrayBuffer") return bytes.slice().buffer;
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  return parseAs === "stream" ? blob.stream() : blob;
};

/**
 * Makes openapi-fetch's read of the body (`json()`, `text()`, `blob()`, `arrayBuffer()` or
 * `body`) give `value`. openapi-fetch reads through `text()` when Content-Length is missing (a
 * chunked answer) and parses again itself; such an answer is given its length, so it asks for
 * `json()` instead.
 */
function hand(response: Response, parseAs: string, value: unknown, length: number): void {
  Object.defineProperty(
    response,
    parseAs === "stream" ? "body" : parseAs,
    parseAs === "stream" ? { value } : { value: () => Promise.resolve(value) },
  );
  if (!response.headers.has("content-length")) {
    const headers = new Headers(response.headers);
    headers.set("content-length", String(length));
    headers.delete("transfer-encoding");
    Object.defineProperty(response, "headers", { value: headers });
  }
}

function transportError(failure: TransportFailure, request: Request, path: string): ModeApiError {
  const { method, url } = request;
  const { attempts, cause, limit } = failure;
  const tries = `(${attempts} attempt${attempts === 1 ? "" : "s"})`;
  const common = { method, path, url, attempts, cause, secrets: secretsOf(request) };
  if (failure.failure === "too_large") {
    return new ModeResponseTooLargeError({
      ...common,
      status: failure.status,
      message: `${method} ${path} answered ${String(failure.status)} with a body over maxResponseBytes (${String(limit)} bytes); not read further ${tries}`,
    });
  }
  if (failure.failure === "timeout") {
    return new ModeTimeoutError({
      ...common,
      message: `${method} ${path} timed out after ${String(limit)} ms ${tries}`,
    });
  }
  // undici reports "fetch failed" and puts the useful part (ECONNRESET, ECONNREFUSED) in cause.
  const inner = cause instanceof Error ? cause.cause : undefined;
  const reason =
    cause instanceof Error
      ? inner instanceof Error && inner.message
        ? `${cause.message} (${inner.message})`
        : cause.message
      : String(cause);
  return new ModeConnectionError({
    ...common,
    message: `${method} ${path} failed to connect: ${reason} ${tries}`,
  });
}
