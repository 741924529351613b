// The typed errors of a result body that fails while it is read: built here, once, where the
// facts are known (how far the body got), with the answer's attempts and credentials redacted.
import {
  type ModeApiError,
  ModeConnectionError,
  ModeInvalidResponseError,
  ModeResponseTooLargeError,
  ModeTimeoutError,
} from "../errors/errors.js";
import { heldOf } from "../resilience/answer.js";

/** The answer a body belongs to, and the credentials its request carried. */
export interface BodyContext {
  path: string;
  response: Response;
  secrets: readonly string[];
}

type ErrorClass = new (init: ConstructorParameters<typeof ModeApiError>[0]) => ModeApiError;

function bodyError(
  ErrorClass: ErrorClass,
  context: BodyContext,
  what: string,
  cause?: unknown,
): ModeApiError {
  const { path, response, secrets } = context;
  return new ErrorClass({
    message: `GET ${path} ${what}`,
    method: "GET",
    path,
    url: response.url || undefined,
    status: response.status,
    attempts: heldOf(response)?.attempts,
    cause,
    secrets,
  });
}

const count = (n: number, unit: string): string =>
  `${n.toLocaleString("en-US")} ${unit}${n === 1 ? "" : "s"}`;

/** No bytes for `idleMs` while the reader waited: the server stalled mid-body. */
export const stalled = (context: BodyContext, bytes: number, idleMs: number): ModeApiError =>
  bodyError(
    ModeTimeoutError,
    context,
    `stalled: no bytes for ${idleMs} ms after ${count(bytes, "byte")} of the body (timeoutMs, here the longest wait between bytes)`,
  );

/** The connection failed mid-body, or closed before the length it announced: rows were lost. */
export const cutShort = (context: BodyContext, bytes: number, reason: string, cause?: unknown) =>
  bodyError(
    ModeConnectionError,
    context,
    `was cut short after ${count(bytes, "byte")} of the body (${reason}); rows after that point were lost`,
    cause,
  );

/** The body is not the CSV or JSON of rows it should be. */
export const malformed = (context: BodyContext, what: string): ModeApiError =>
  bodyError(ModeInvalidResponseError, context, what);

/** The body passes `maxBytes`, or one row passes `maxRowLength`. */
export const tooLarge = (context: BodyContext, what: string): ModeApiError =>
  bodyError(ModeResponseTooLargeError, context, what);

export { count };
