// The findings the front layer makes itself, about an exchange as a whole rather than about what
// a request says (that is kit/rules'). Each id is its code in reports; kit/README.md lists them
// with the reason for their severity.
import type { Violation } from "../prism/violations.js";

const error = (code: string, location: string, message: string): Violation => ({
  code,
  location,
  message,
  severity: "error",
});

export const frontFindings = {
  /** An absolute URL, `*` or CONNECT: the kit is not an open proxy. */
  requestTarget: (reason: string): Violation => error("request-target", "request", `${reason}.`),

  /** A `.` or `..` segment in a spelling the rules do not read. */
  dotSegment: (): Violation =>
    error(
      "dot-path-segment",
      "request.path",
      "the path holds a dot segment (`..` or `.`, possibly percent-encoded or after a backslash): it was refused and never forwarded; a token or a fixed path word belongs there.",
    ),

  /** A body above --max-body-bytes: answered 413, not read further, not forwarded. */
  bodyTooLarge: (limit: number): Violation =>
    error(
      "body-too-large",
      "request.body",
      `the body is larger than ${limit} bytes (--max-body-bytes): it was answered 413 and never forwarded. No operation of the API takes a body anywhere near this size; raise --max-body-bytes if yours does.`,
    ),

  /** The kit is holding too many bodies at once to take another. */
  busy: (budget: number): Violation =>
    error(
      "kit-busy",
      "request.body",
      `the kit already holds ${budget} bytes of request bodies in flight: this one was answered 503 and never forwarded. Send fewer large requests at once, or lower their size.`,
    ),

  /** An answer whose status the operation does not document. */
  undocumentedStatus: (
    operation: string,
    documented: readonly string[],
    evidence: string,
  ): Violation =>
    error(
      "undocumented-status",
      "response.status",
      `${operation} documents ${documented.join(", ")}; the upstream answered ${evidence}. It was handed to the client as it was (never followed, never replaced), and a client cannot rely on an answer the contract does not describe.`,
    ),

  /** The upstream could not be reached, or broke off its answer. */
  upstreamFailed: (reason: string): Violation =>
    error(
      "upstream-failed",
      "response",
      `the upstream gave no complete answer (${reason}): the client got 502, and nothing about this exchange could be checked.`,
    ),

  /** An answer above --max-body-bytes: not buffered, not checked. */
  answerTooLarge: (limit: number): Violation =>
    error(
      "answer-too-large",
      "response.body",
      `the answer's body is larger than ${limit} bytes (--max-body-bytes): the client got 502 and it was not checked. Raise --max-body-bytes to check it.`,
    ),

  /** The client went away before its request was complete: nothing was forwarded. */
  clientAborted: (): Violation => ({
    code: "client-aborted",
    location: "request",
    message:
      "the client closed the connection before its request was complete: nothing was forwarded.",
    severity: "warning",
  }),

  /** The kit itself failed on this exchange (a bug of the kit's: tell us). */
  kitFailed: (cause: unknown): Violation =>
    error(
      "kit-failed",
      "response",
      `the kit failed on this exchange (${cause instanceof Error ? cause.message : String(cause)}): the client got 500 and nothing was checked.`,
    ),

  /** Still in flight when the kit stopped. */
  unanswered: (): Violation =>
    error(
      "unanswered",
      "response",
      "the kit was stopped before this exchange ended: the request may have reached the upstream and changed data there, and its answer was never checked.",
    ),
} as const;
