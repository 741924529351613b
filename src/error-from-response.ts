import {
  ModeApiError,
  ModeBadRequestError,
  ModeForbiddenError,
  ModeNotFoundError,
  ModeRateLimitError,
  ModeServerError,
  ModeUnauthorizedError,
  ModeUnprocessableEntityError,
  type ModeApiErrorInit,
} from "./errors.js";
import { parseRetryAfter } from "./retry-after.js";

// Mode itself has not been seen sending a request id; these are the usual proxy/CDN ones.
const REQUEST_ID_HEADERS = [
  "x-request-id",
  "request-id",
  "x-amzn-requestid",
  "x-amzn-trace-id",
  "cf-ray",
];
const MAX_TEXT_IN_MESSAGE = 200;

export interface ErrorResponseInput {
  /** The error as openapi-fetch returns it: parsed JSON, the raw text, or undefined. */
  body: unknown;
  response: Pick<Response, "status" | "statusText" | "headers" | "url">;
  method: string;
  /** Path template such as `/{account}/datasets/{dataset}`. */
  path: string;
  now?: number;
}

/** Builds the `ModeApiError` subclass for an HTTP error response. */
export function errorFromResponse(input: ErrorResponseInput): ModeApiError {
  const { body, response, method, path } = input;
  const { id, detail } = readModeBody(body);
  const status = response.status;
  const summary = detail ?? (response.statusText || "no error message");
  const init: ModeApiErrorInit = {
    message: `${method} ${path} failed with ${status}${id ? ` ${id}` : ""}: ${summary}`,
    method,
    path,
    url: response.url || undefined,
    status,
    id,
    body,
    requestId: readRequestId(response.headers),
    retryAfterMs: parseRetryAfter(response.headers.get("retry-after"), input.now),
  };
  return new (classForStatus(status))(init);
}

function classForStatus(status: number): typeof ModeApiError {
  if (status >= 500) return ModeServerError;
  switch (status) {
    case 400:
      return ModeBadRequestError;
    case 401:
      return ModeUnauthorizedError;
    case 403:
      return ModeForbiddenError;
    case 404:
      return ModeNotFoundError;
    case 422:
      return ModeUnprocessableEntityError;
    case 429:
      return ModeRateLimitError;
    default:
      return ModeApiError;
  }
}

/** Mode sends `{id, message}`; `message` can be an object on validation errors, or the body HTML. */
function readModeBody(body: unknown): { id: string | undefined; detail: string | undefined } {
  if (typeof body === "string") return { id: undefined, detail: shorten(body) };
  if (body === null || typeof body !== "object") return { id: undefined, detail: undefined };
  const record = body as Record<string, unknown>;
  const id = typeof record["id"] === "string" ? record["id"] : undefined;
  const message = record["message"];
  if (typeof message === "string") return { id, detail: shorten(message) };
  if (message !== undefined && message !== null)
    return { id, detail: shorten(JSON.stringify(message)) };
  return { id, detail: undefined };
}

function shorten(text: string): string | undefined {
  // Collapse whitespace and drop tags so an HTML error page reads as one line.
  const flat = text
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (flat === "") return undefined;
  return flat.length > MAX_TEXT_IN_MESSAGE ? `${flat.slice(0, MAX_TEXT_IN_MESSAGE)}…` : flat;
}

function readRequestId(headers: Headers): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value) return value;
  }
  return undefined;
}
