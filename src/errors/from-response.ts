import { heldOf } from "../resilience/answer.js";
import { parseRetryAfter } from "../resilience/retry.js";
import {
  ModeApiError,
  ModeBadRequestError,
  ModeForbiddenError,
  ModeNotFoundError,
  ModeRateLimitError,
  ModeServerError,
  ModeUnauthorizedError,
  ModeUnprocessableEntityError,
} from "./errors.js";

// Mode itself has not been seen sending a request id; these are the usual proxy/CDN ones.
const REQUEST_ID_HEADERS = [
  "x-request-id",
  "request-id",
  "x-amzn-requestid",
  "x-amzn-trace-id",
  "cf-ray",
];
const MAX_TEXT_IN_MESSAGE = 200;
const MAX_TEXT_SCANNED = 4_096;
// Enough to name what was wrong with a request without turning the message into a report.
const MAX_VIOLATIONS = 3;

export interface ErrorResponseInput {
  /** The error as openapi-fetch returns it: parsed JSON, the raw text, or undefined. */
  body: unknown;
  response: Pick<Response, "status" | "statusText" | "headers" | "url">;
  method: string;
  /** Path template such as `/{account}/datasets/{dataset}`. */
  path: string;
  now?: number;
  /** Credentials to redact; a response from this client has had them redacted already. */
  secrets?: readonly string[] | undefined;
}

const CLASSES: Record<number, typeof ModeApiError> = {
  400: ModeBadRequestError,
  401: ModeUnauthorizedError,
  403: ModeForbiddenError,
  404: ModeNotFoundError,
  422: ModeUnprocessableEntityError,
  429: ModeRateLimitError,
};

/**
 * Builds the `ModeApiError` subclass for an HTTP error response, keeping what the server said
 * was wrong: Mode's `{ id, message }` (a message object shown as JSON), a problem document's
 * `detail` and `validation`, and the request violations a validating mock lists in its
 * `sl-violations` header (`request.query.filter: ...`). For a response from this client it also
 * knows the attempts made.
 */
export function errorFromResponse(input: ErrorResponseInput): ModeApiError {
  const { response, method, path, body } = input;
  const { status, headers } = response;
  const record = body !== null && typeof body === "object" ? (body as Record<string, unknown>) : {};
  const id = typeof record["id"] === "string" ? record["id"] : undefined;
  const detail = [
    typeof body === "string"
      ? body
      : textOf(record["message"] ?? record["detail"] ?? record["title"]),
    ...violations(record["validation"]),
    ...violations(parseJson(headers.get("sl-violations"))),
  ]
    .map(shorten)
    .filter(Boolean)
    .join("; ");
  const ErrorClass = status >= 500 ? ModeServerError : (CLASSES[status] ?? ModeApiError);
  return new ErrorClass({
    message: `${method} ${path} failed with ${status}${id ? ` ${id}` : ""}: ${detail || response.statusText || "no error message"}`,
    method,
    path,
    url: response.url || undefined,
    status,
    id,
    body,
    requestId: REQUEST_ID_HEADERS.map((name) => headers.get(name)).find(Boolean) ?? undefined,
    retryAfterMs: parseRetryAfter(headers.get("retry-after"), input.now),
    attempts: heldOf(response as Response)?.attempts,
    secrets: input.secrets,
  });
}

function textOf(value: unknown): string | undefined {
  return typeof value === "string" || value === undefined || value === null
    ? (value ?? undefined)
    : JSON.stringify(value);
}

function parseJson(text: string | null): unknown {
  try {
    return text === null ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * `location: message` for each request violation a validator listed (a problem document's
 * `validation`, or Prism's `sl-violations`); violations of the answer itself are not the
 * caller's to fix and are left out.
 */
function violations(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  const found: string[] = [];
  for (const item of list as { location?: unknown; message?: unknown }[]) {
    const location = Array.isArray(item?.location) ? item.location.join(".") : "";
    if (location.startsWith("response")) continue;
    const where = location.startsWith("request") ? location : `request.${location}`;
    found.push(`${where}: ${String(item.message ?? "invalid")}`);
  }
  return found.slice(0, MAX_VIOLATIONS);
}

function shorten(text: string | undefined): string {
  // Collapse whitespace and drop tags so an HTML error page reads as one line. Only the start
  // is read, and a tag cannot contain "<", so the scan is linear in a bounded length: with
  // /<[^>]*>/ each of a page's "<" would start a scan to the end of the text.
  const flat = (text ?? "")
    .slice(0, MAX_TEXT_SCANNED)
    .replace(/<[^<>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return flat.length > MAX_TEXT_IN_MESSAGE ? `${flat.slice(0, MAX_TEXT_IN_MESSAGE)}…` : flat;
}
