// Reads what Prism reports about one exchange and turns many exchanges into a summary table.
// Prism 5 reports violations in two places we can read per request:
// - the `sl-violations` response header: a JSON array of
//   `{location: string[], severity, code, message}` (request and response violations, and
//   `code: 401` for a request without valid credentials);
// - an `application/problem+json` body with a `https://stoplight.io/prism/errors#...` type for
//   requests it cannot route at all (unknown path 404, unknown method 405, an Accept header it
//   cannot satisfy 406) and, in proxy mode, for requests it refuses to forward (422 with a
//   `validation` list, 401 without credentials); these carry no `sl-violations` header.
// Its log says the same in prose, without a stable format, so we do not parse it.
import type { RequestSecrets } from "../report/index.js";

export interface Violation {
  /** Where: `request.body.report`, `request.query.filter`, `response.body`... */
  location: string;
  /** Prism's code: a JSON Schema keyword (`pattern`, `required`), an HTTP status, or an error type. */
  code: string;
  message: string;
  severity: string;
}

export interface Exchange {
  method: string;
  /** Path and query as sent. */
  url: string;
  /** operationId, or null when the request matched no operation in the spec. */
  operation: string | null;
  status: number;
  violations: Violation[];
  /** The request's headers, for the reports to hide its credentials wherever they are echoed. */
  secrets?: RequestSecrets | undefined;
}

interface RawViolation {
  location?: unknown;
  code?: unknown;
  message?: unknown;
  severity?: unknown;
}

const prismErrorType = "https://stoplight.io/prism/errors#";

function toViolation(item: RawViolation, defaultSide: "request" | "response"): Violation {
  const path = Array.isArray(item.location) ? item.location.map(String) : [];
  // Prism's own 422 problem says `["body"]` where the header says `["request", "body"]`.
  if (path[0] !== "request" && path[0] !== "response") path.unshift(defaultSide);
  return {
    location: path.join("."),
    code: String(item.code ?? ""),
    message: String(item.message ?? ""),
    severity: String(item.severity ?? "Error"),
  };
}

/** Parses an `sl-violations` header value; an unreadable header is itself reported. */
export function parseViolationsHeader(value: string | undefined): Violation[] {
  if (!value) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    return [{ location: "response", code: "unreadable", message: value, severity: "Error" }];
  }
  if (!Array.isArray(raw)) return [];
  return raw.map((item: RawViolation) => toViolation(item, "request"));
}

/**
 * Violations from a Prism problem+json answer. Used when there is no `sl-violations` header:
 * routing errors (404 no path, 405 no method, 406 not acceptable) and, in proxy mode, requests
 * Prism refuses to forward (422 with a `validation` list, 401 without credentials).
 */
export function parsePrismProblem(contentType: string | undefined, body: string): Violation[] {
  if (!contentType?.includes("application/problem+json")) return [];
  let problem: { type?: unknown; title?: unknown; detail?: unknown; validation?: unknown };
  try {
    problem = JSON.parse(body) as typeof problem;
  } catch {
    return [];
  }
  if (typeof problem.type !== "string" || !problem.type.startsWith(prismErrorType)) return [];
  if (Array.isArray(problem.validation) && problem.validation.length > 0) {
    return problem.validation.map((item: RawViolation) => toViolation(item, "request"));
  }
  const type = problem.type.slice(prismErrorType.length);
  return [
    {
      location: "request",
      // The mock's header says `code: 401` for what the proxy calls UNAUTHORIZED: report one code.
      code: type === "UNAUTHORIZED" ? "401" : type,
      // Prism's generic details ("...so Prism is generating this error for you") add nothing.
      message: [problem.title, problem.detail]
        .filter((s): s is string => typeof s === "string" && !s.includes("Prism is generating"))
        .join(": "),
      severity: "Error",
    },
  ];
}

/** Header first (it is exact); the problem body only when the header is absent. */
export function violationsOf(
  slViolations: string | undefined,
  contentType: string | undefined,
  body: string,
): Violation[] {
  const fromHeader = parseViolationsHeader(slViolations);
  return fromHeader.length > 0 ? fromHeader : parsePrismProblem(contentType, body);
}

/** Only error-severity violations break the contract; warnings are listed but do not fail. */
export const isError = (v: Violation): boolean => v.severity.toLowerCase() === "error";

/** One line a person can act on: `request.query.filter (pattern): must match ...`. */
export function describeViolation(v: Violation): string {
  return `${v.location} (${v.code}): ${v.message}`;
}

export interface SummaryRow {
  operation: string;
  violation: string;
  count: number;
}

/** Groups violations by operation and violation, most frequent first. */
export function summarize(exchanges: readonly Exchange[]): SummaryRow[] {
  const counts = new Map<string, SummaryRow>();
  for (const exchange of exchanges) {
    const operation =
      exchange.operation ?? `(no operation) ${exchange.method} ${exchange.url.split("?")[0]}`;
    for (const v of exchange.violations) {
      const violation = describeViolation(v);
      const key = `${operation}\u0000${violation}`;
      const row = counts.get(key) ?? { operation, violation, count: 0 };
      row.count += 1;
      counts.set(key, row);
    }
  }
  return [...counts.values()].sort(
    (a, b) =>
      b.count - a.count ||
      a.operation.localeCompare(b.operation) ||
      a.violation.localeCompare(b.violation),
  );
}

const MAX_VIOLATION_WIDTH = 110;
const clip = (text: string): string =>
  text.length > MAX_VIOLATION_WIDTH ? `${text.slice(0, MAX_VIOLATION_WIDTH - 1)}…` : text;

/**
 * A plain-text table with the columns operation, violation, count. Long violations (Prism
 * quotes whole regular expressions) are clipped; the per-request lines keep them whole.
 */
export function formatTable(rows: readonly SummaryRow[]): string {
  const header = { operation: "operation", violation: "violation", count: "count" };
  const all = [
    header,
    ...rows.map((r) => ({ ...r, violation: clip(r.violation), count: String(r.count) })),
  ];
  const width = (key: "operation" | "violation" | "count"): number =>
    Math.max(...all.map((r) => r[key].length));
  const [wo, wv, wc] = [width("operation"), width("violation"), width("count")];
  const line = (r: { operation: string; violation: string; count: string }): string =>
    `${r.operation.padEnd(wo)}  ${r.violation.padEnd(wv)}  ${r.count.padStart(wc)}`.trimEnd();
  return [
    line(header),
    `${"-".repeat(wo)}  ${"-".repeat(wv)}  ${"-".repeat(wc)}`,
    ...all.slice(1).map(line),
  ].join("\n");
}
