// What the conduct rules read and say. An exchange is one request and what the simulator did
// with it, with both clocks' times; a finding is one judgement with the requests that show it.
import type { Severity } from "../../rules/index.js";

/** A check on one request alone: one of the kit's rules, or the spec's schemas. */
export interface RequestCheck {
  rule: string;
  severity: Severity;
  location: string;
  message: string;
  /** Set by the kit's rules for a request no server should act on. */
  refuse?: true;
}

export interface Exchange {
  /** 1 for the first request the simulator saw, and so on. */
  seq: number;
  /** `credential 1`, `credential 2`...: who sent it, never the token itself; null without one. */
  credential: string | null;
  /** The connection it came on, when it came over HTTP. */
  connection: string | undefined;
  method: string;
  /** Path and query as sent (before redaction: the report redacts). */
  url: string;
  /** The path without `/api` or a trailing slash, decoded once: what identifies the resource. */
  resource: string;
  /** The spec's operationId, or null for a path the spec does not have. */
  operation: string | null;
  /** Mode's time (epoch ms) when it arrived and when it was answered. */
  arrivedAt: number;
  answeredAt: number;
  /** The machine's milliseconds since the simulator started, at the same two moments. */
  realArrivedAt: number;
  /**
   * The machine's milliseconds the server had spent waiting for work, by its arrival and by its
   * answer. Over HTTP a busy server reads queued requests late; a request only counts as sent
   * after an answer if the server sat idle in between. In process all time counts.
   */
  realIdleArrived: number;
  realIdleAnswered: number;
  realAnsweredAt: number;
  /** The status sent, or `reset` when the connection was cut instead. */
  status: number | "reset";
  /** PATCH, POST, PUT or DELETE. */
  write: boolean;
  /** True when the simulator changed its workspace for it. */
  acted: boolean;
  /** The fault injected into its answer, if any. */
  fault: string | null;
  /** On a 429: the wait `Retry-After` asked for, in Mode's milliseconds. */
  retryAfterMs: number | null;
  /** The request body as sent, for telling one write from another. */
  body: string | undefined;
  /** A listing page: the listing it belongs to (path and query without `page`), and its place. */
  listing: { key: string; page: number; last: boolean } | null;
  /** A read of one run, and the state it answered. */
  run: { token: string; state: string; terminal: boolean } | null;
  checks: RequestCheck[];
}

/** One request named in a finding. */
export interface Evidence {
  seq: number;
  /** Mode's time when it arrived, ISO 8601. */
  at: string;
  /** Milliseconds of Mode's time since the simulator started. */
  t: number;
  method: string;
  url: string;
  status: number | "reset";
  /** What this request shows, when the finding's message does not say it alone. */
  note?: string;
}

export interface ConductFinding {
  rule: string;
  severity: Severity;
  message: string;
  /** The requests that show it, in the order they came, at most `MAX_EVIDENCE`. */
  evidence: Evidence[];
  /** How many times it happened (evidence lists the first few). */
  count: number;
}

/** A rule's memory for one simulator: fed every exchange once answered, asked for findings. */
export interface RuleState {
  observe(exchange: Exchange): void;
  findings(): ConductFinding[];
}

export interface ConductRule {
  id: string;
  severity: Severity;
  /** One line for the README and `--help`. */
  summary: string;
  create(context: RuleContext): RuleState;
}

export interface RuleContext {
  /** The simulated epoch ms the simulator started at, for `t` in evidence. */
  start: number;
  /** Mode's time per machine time. */
  timeScale: number;
  /** Requests per window, and the window in Mode's milliseconds. */
  limit: number;
  windowMs: number;
}

export const MAX_EVIDENCE = 12;
