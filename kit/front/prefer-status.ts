// `Prefer: code=404` asks Prism's mock for an operation's documented 404. Prism looks for that
// answer in a media type the request's Accept admits, and when there is none (Mode's errors are
// `application/json`, its successes `application/hal+json`, the type clients ask for) it falls
// back to a 200 without a word. The front adds the preferred answer's media types to Accept, so
// `Prefer: code=N` works whatever Accept the client sends.
import { acceptQuality, parseAccept } from "../rules/accept-json-for-hal.js";
import type { OperationInfo } from "../rules/spec-index.js";
import { answerMediaTypes } from "./operation-responses.js";

/** The status `Prefer: code=N` asks for, or undefined. */
export function preferredStatus(prefer: string | undefined): string | undefined {
  return prefer === undefined ? undefined : /(?:^|[\s,;])code=(\d{3})\b/.exec(prefer)?.[1];
}

/**
 * The Accept header to send Prism so that it can answer with the preferred status, or undefined
 * when the client's own will do (or the operation does not document that status).
 */
export function acceptForPreferredStatus(
  spec: unknown,
  operation: OperationInfo | undefined,
  prefer: string | undefined,
  accept: string | undefined,
): string | undefined {
  const status = preferredStatus(prefer);
  if (!operation || status === undefined || accept === undefined) return undefined;
  const types = answerMediaTypes(spec, operation, status);
  if (types.length === 0) return undefined;
  const ranges = parseAccept(accept);
  if (ranges.length === 0 || types.some((type) => acceptQuality(type, ranges) > 0)) {
    return undefined;
  }
  return `${accept}, ${types.join(", ")}`;
}
