// The shape every handler shares: what it is given (the workspace, Mode's clock, the request's
// parameters already checked against the spec) and what it answers, with the facts the conduct
// rules read beside the body (a listing's page, a run's state, whether a write changed anything).
import type { AccountFacts } from "../wire/report.js";
import type { Workspace } from "../workspace/workspace.js";

export interface HandlerContext {
  workspace: Workspace;
  facts: AccountFacts;
  /** Mode's time now, epoch milliseconds. */
  now: number;
  path: Readonly<Record<string, string>>;
  query: Readonly<Record<string, string | number>>;
  /** The parsed JSON body, already valid against the operation's schema; undefined when none. */
  body: unknown;
  /** The member runs are started as. */
  member: string;
  /** The workspace's seed, from which result rows are generated. */
  seed: number;
}

/** A streamed body: result content, written as it is generated. */
export interface StreamedContent {
  contentType: string;
  /** Headers of its own, such as `Content-Disposition`. */
  headers?: Record<string, string>;
  chunks(): Iterable<string | Uint8Array>;
}

export interface HandlerResult {
  status: number;
  /** A JSON body, or none. */
  body?: unknown;
  content?: StreamedContent;
  /** For a listing page: its number, its size and whether it was the last. */
  listing?: { page: number; perPage: number; last: boolean };
  /** For a read of one run: which, and whether it had ended. */
  run?: { token: string; state: string; terminal: boolean };
  /** True when the request changed the workspace (a write the server acted on). */
  acted?: boolean;
}

export type Handler = (context: HandlerContext) => HandlerResult;
