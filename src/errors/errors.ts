import {
  redactCause,
  redactOptional,
  redactText,
  redactUrl,
  redactValue,
} from "../internal/redact.js";

/**
 * Errors thrown by the client. Every one is a `ModeApiError`; `kind` (or the subclass) tells
 * them apart. They carry only plain data (never the Request or its headers), and the
 * constructor redacts the credentials it is given from every string they expose, so printing
 * or serialising one does not show a credential a server echoed back.
 */
export type ModeErrorKind =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "unprocessable_entity"
  | "rate_limited"
  | "server"
  | "http"
  | "timeout"
  | "connection"
  | "invalid_response"
  | "response_too_large"
  | "max_pages";

export interface ModeApiErrorInit {
  /** Human-readable summary; the class prefixes nothing, so pass the final text. */
  message: string;
  method: string;
  /** Path template such as `/{account}/datasets/{dataset}` (or the URL path when unknown). */
  path: string;
  url?: string | undefined;
  status?: number | undefined;
  id?: string | undefined;
  body?: unknown;
  requestId?: string | undefined;
  retryAfterMs?: number | undefined;
  attempts?: number | undefined;
  cause?: unknown;
  /**
   * Credentials to redact from `message`, `id`, `body` (every string and key), `url`,
   * `requestId` and `cause`; not stored. Redact before truncating: the constructor cannot
   * recognise a secret cut in half.
   */
  secrets?: readonly string[] | undefined;
}

export class ModeApiError extends Error {
  override name = "ModeApiError";
  readonly kind: ModeErrorKind = "http";
  /** HTTP status; undefined when no response arrived (timeout, connection failure). */
  readonly status: number | undefined;
  /** Mode's error code from the body (`not_found`, `rate_limited`, ...). */
  readonly id: string | undefined;
  /** The parsed error body (Mode's `{id, message}`, or the text of a non-JSON body). */
  readonly body: unknown;
  readonly method: string;
  readonly path: string;
  readonly url: string | undefined;
  /** From `X-Request-Id` (or a similar header) when the server sent one. */
  readonly requestId: string | undefined;
  /** From `Retry-After`, in milliseconds, when the server sent one. */
  readonly retryAfterMs: number | undefined;
  /** How many attempts were made before giving up (1 when not retried). */
  readonly attempts: number | undefined;

  constructor(init: ModeApiErrorInit) {
    // Every error passes through here, so redacting here holds for all of them.
    const secrets = init.secrets ?? [];
    const cause = redactCause(init.cause, secrets);
    super(redactText(init.message, secrets), cause === undefined ? undefined : { cause });
    this.status = init.status;
    this.id = redactOptional(init.id, secrets);
    this.body = redactValue(init.body, secrets);
    this.method = init.method;
    this.path = redactText(init.path, secrets);
    this.url = init.url === undefined ? undefined : redactUrl(init.url, secrets);
    this.requestId = redactOptional(init.requestId, secrets);
    this.retryAfterMs = init.retryAfterMs;
    this.attempts = init.attempts;
  }

  /** `JSON.stringify(error)` gives the useful fields (Error's own `message` is not enumerable). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      status: this.status,
      id: this.id,
      method: this.method,
      path: this.path,
      url: this.url,
      requestId: this.requestId,
      retryAfterMs: this.retryAfterMs,
      attempts: this.attempts,
    };
  }
}

/** 400: Mode (or Prism) rejected the request's parameters or body. */
export class ModeBadRequestError extends ModeApiError {
  override name = "ModeBadRequestError";
  override readonly kind = "bad_request";
}
/** 401: missing or wrong token/secret. */
export class ModeUnauthorizedError extends ModeApiError {
  override name = "ModeUnauthorizedError";
  override readonly kind = "unauthorized";
}
/** 403: the credentials are valid but may not touch this resource. */
export class ModeForbiddenError extends ModeApiError {
  override name = "ModeForbiddenError";
  override readonly kind = "forbidden";
}
/** 404: unknown account, dataset, space, data source or report (or no access to it). */
export class ModeNotFoundError extends ModeApiError {
  override name = "ModeNotFoundError";
  override readonly kind = "not_found";
}
/** 422: the body was well-formed but not acceptable. */
export class ModeUnprocessableEntityError extends ModeApiError {
  override name = "ModeUnprocessableEntityError";
  override readonly kind = "unprocessable_entity";
}
/** 429: over Mode's rate limit; `retryAfterMs` says how long to wait when Mode said so. */
export class ModeRateLimitError extends ModeApiError {
  override name = "ModeRateLimitError";
  override readonly kind = "rate_limited";
}
/** 5xx: Mode failed; safe reads were already retried before this surfaced. */
export class ModeServerError extends ModeApiError {
  override name = "ModeServerError";
  override readonly kind = "server";
}
/** No complete response within `timeoutMs` on the last attempt. */
export class ModeTimeoutError extends ModeApiError {
  override name = "ModeTimeoutError";
  override readonly kind = "timeout";
}
/** The connection failed (refused, reset, DNS, truncated body) on the last attempt. */
export class ModeConnectionError extends ModeApiError {
  override name = "ModeConnectionError";
  override readonly kind = "connection";
}
/** A success status whose body is not the JSON the operation promises (an HTML page, say). */
export class ModeInvalidResponseError extends ModeApiError {
  override name = "ModeInvalidResponseError";
  override readonly kind = "invalid_response";
}

/**
 * A body longer than `maxResponseBytes` (counted after decompression); `status` is the
 * answer's. Never retried: the next answer would be as large.
 */
export class ModeResponseTooLargeError extends ModeApiError {
  override name = "ModeResponseTooLargeError";
  override readonly kind = "response_too_large";
}

/**
 * A listing went on past `maxPages` pages (the page after the last one read still had new
 * items). Thrown unless the iterator was told `onMaxPages: "stop"`, so a listing longer than
 * the cap is never cut short without a sign.
 */
export class ModeMaxPagesError extends ModeApiError {
  override name = "ModeMaxPagesError";
  override readonly kind = "max_pages";
}
