// One run of the kit (a contract run, or a proxy session) reduced to what CI needs: per
// operation, one case per kind of violation (where, and which check), with its count, a few of
// its messages and requests, and whether it fails the run. `toJunitXml` and `toJsonSummary`
// only render this; the verdict and the exit code are decided here, once. Every exchange is
// redacted here as it enters (`redact.ts`), so no report can show a secret.
import type { RecordedExchange, RecordedViolation, ReportedExchange } from "./exchange.js";
import { Redactor } from "./redact.js";

export type { RecordedExchange, RecordedViolation, ReportedExchange } from "./exchange.js";

export interface RunInput {
  /** `contract` runs a command against the mock; `proxy` validates traffic to a real server. */
  mode: "contract" | "proxy";
  /** The spec file the run checked against. */
  spec: string;
  exchanges: readonly RecordedExchange[];
  /** `--strict`: warnings fail the run too. */
  strict: boolean;
  /** The command a contract run ran, and how it exited (null when killed by a signal). */
  command?: readonly string[];
  commandExitCode?: number | null;
}

export interface ExampleRequest {
  method: string;
  url: string;
  status: number;
  message: string;
}

export interface ViolationCase {
  /** `request.query.filter (pattern)`: the case's name, stable across runs. */
  kind: string;
  location: string;
  code: string;
  severity: "error" | "warning";
  /** True when this case fails the run (an error, or a warning under `--strict`). */
  failed: boolean;
  /** How many times it was seen. */
  count: number;
  /** Up to five requests that showed it, first seen first. */
  examples: ExampleRequest[];
}

export interface OperationSummary {
  /** operationId, or `(no operation) METHOD /path` for a request the spec has no operation for. */
  operation: string;
  requests: number;
  cases: ViolationCase[];
}

export interface RunSummary {
  /** Names this shape, so a consumer can refuse one it does not know. */
  format: "mode-datasets-contract-summary/1";
  mode: "contract" | "proxy";
  spec: string;
  strict: boolean;
  verdict: "pass" | "fail";
  /** The process's exit code: 0 pass, 1 contract broken or nothing sent, else the command's. */
  exitCode: number;
  /** Why the run failed, one sentence each; empty when it passed. */
  reasons: string[];
  command: { argv: string[]; exitCode: number | null } | null;
  requests: { total: number; withErrors: number; withWarnings: number };
  operations: OperationSummary[];
  /** Every exchange in the order the answers came, with all its violations (the JSON report). */
  exchanges: ReportedExchange[];
}

const MAX_EXAMPLES = 5;

const severityOf = (v: RecordedViolation): "error" | "warning" =>
  v.severity.toLowerCase() === "error" ? "error" : "warning";

const operationOf = (e: ReportedExchange): string =>
  e.operation ?? `(no operation) ${e.method} ${e.url.split("?")[0]}`;

export function buildSummary(input: RunInput): RunSummary {
  const redactor = Redactor.forExchanges(input.exchanges);
  const exchanges = input.exchanges.map((e) => redactor.exchange(e));
  const argv = input.command?.map((word) => redactor.text(word));
  const operations = new Map<string, OperationSummary>();
  let withErrors = 0;
  let withWarnings = 0;
  for (const exchange of exchanges) {
    const name = operationOf(exchange);
    const operation = operations.get(name) ?? { operation: name, requests: 0, cases: [] };
    operations.set(name, operation);
    operation.requests += 1;
    const severities = new Set(exchange.violations.map(severityOf));
    if (severities.has("error")) withErrors += 1;
    if (severities.has("warning")) withWarnings += 1;
    for (const v of exchange.violations) {
      const kind = `${v.location} (${v.code})`;
      const severity = severityOf(v);
      let found = operation.cases.find((c) => c.kind === kind && c.severity === severity);
      if (!found) {
        found = {
          kind,
          location: v.location,
          code: v.code,
          severity,
          failed: severity === "error" || input.strict,
          count: 0,
          examples: [],
        };
        operation.cases.push(found);
      }
      found.count += 1;
      if (found.examples.length < MAX_EXAMPLES) {
        const { method, url, status } = exchange;
        found.examples.push({ method, url, status, message: v.message });
      }
    }
  }

  const reasons: string[] = [];
  const code = input.commandExitCode;
  if (input.command && code !== 0) {
    reasons.push(
      code === null || code === undefined
        ? "the command was stopped by a signal"
        : `the command exited with ${code}`,
    );
  }
  if (input.mode === "contract" && input.exchanges.length === 0) {
    reasons.push("the command sent no request");
  }
  if (withErrors > 0) reasons.push(`${withErrors} request(s) broke the contract`);
  if (input.strict && withWarnings > 0) {
    reasons.push(`${withWarnings} request(s) had warnings, which fail under --strict`);
  }
  const commandFailed = input.command !== undefined && code !== 0;
  const exitCode = commandFailed
    ? typeof code === "number"
      ? code
      : 1
    : reasons.length > 0
      ? 1
      : 0;

  return {
    format: "mode-datasets-contract-summary/1",
    mode: input.mode,
    spec: input.spec,
    strict: input.strict,
    verdict: reasons.length > 0 ? "fail" : "pass",
    exitCode,
    reasons,
    command: argv ? { argv, exitCode: code ?? null } : null,
    requests: { total: exchanges.length, withErrors, withWarnings },
    operations: [...operations.values()]
      .map((o) => ({
        ...o,
        cases: o.cases.sort(
          (a, b) =>
            Number(b.failed) - Number(a.failed) ||
            b.count - a.count ||
            a.kind.localeCompare(b.kind),
        ),
      }))
      .sort((a, b) => a.operation.localeCompare(b.operation)),
    exchanges,
  };
}
