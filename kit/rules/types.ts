// The shapes every rule shares: the request as the kit saw it, and what a rule says about it.
import type { OperationInfo, SpecIndex } from "./spec-index.js";

/** `error` breaks the documented contract and fails the run; `warning` fails only with `--strict`. */
export type Severity = "error" | "warning";

export interface Finding {
  /** The rule's id, also its file name: `unknown-query-parameter`. */
  rule: string;
  severity: Severity;
  /** Where, in Prism's words: `request.query.orderby`, `request.header.authorization`. */
  location: string;
  /** One sentence a person can act on: what is wrong and what to send instead. */
  message: string;
  /**
   * Set when the request must never be forwarded, in any mode: where it would land depends on
   * who decodes it. The front layer answers it itself.
   */
  refuse?: true;
}

/** Header records as Node gives them (`IncomingHttpHeaders`), or a fetch `Headers`. */
export type HeadersLike =
  | Headers
  | Readonly<Record<string, string | readonly string[] | undefined>>;

export interface RequestToCheck {
  method: string;
  /** The path as sent, still percent-encoded, relative to the spec's server (`/northwind/...`). */
  path: string;
  /** The query string (with or without `?`) or its parsed form; when absent, taken from `path`. */
  query?: URLSearchParams | string;
  headers?: HeadersLike;
  /** The body as text; JSON bodies are parsed by the rules that read them. */
  body?: string;
  /**
   * The body's bytes exactly as received. Pass these rather than `body`: only the bytes show a
   * body that is not UTF-8 (text decoded from them has already replaced the bad bytes).
   */
  bodyBytes?: Uint8Array;
}

/** A request taken apart once, so every rule reads the same facts. */
export interface CheckedRequest {
  method: string;
  /** Path without the query, still percent-encoded. */
  path: string;
  /** Raw path segments after the leading `/`. */
  segments: readonly string[];
  /** Every query pair in order, names and values decoded. */
  query: ReadonlyArray<readonly [string, string]>;
  /** A header's value by case-insensitive name; repeated headers joined with `, `. */
  header(name: string): string | undefined;
  /** The body as text: `body` as given, else `bodyBytes` decoded as UTF-8. */
  body: string | undefined;
  /** The body's bytes: `bodyBytes` as given, else `body` encoded as UTF-8. */
  bodyBytes: Uint8Array | undefined;
}

export interface RuleContext {
  request: CheckedRequest;
  spec: SpecIndex;
  /** The operation the request is aimed at; undefined when no path and method of the spec match. */
  operation: OperationInfo | undefined;
}

export interface Rule {
  id: string;
  severity: Severity;
  /** One line for the README and `--help`. */
  summary: string;
  /** A request with a finding of this rule is never forwarded (see `Finding.refuse`). */
  refuse?: true;
  check(context: RuleContext): Array<Pick<Finding, "location" | "message">>;
}
