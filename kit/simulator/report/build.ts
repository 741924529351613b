// The simulator's report, the object `report()` returns and `--json` writes: the verdict, why,
// every finding with its evidence (redacted), and what was simulated. The verdict is decided here
// once: an error finding fails it, a warning fails it only under `strict`.
import type { ConductFinding } from "../conduct/types.js";
import type { FaultName } from "../faults.js";
import type { Redactor } from "../../report/index.js";

export interface SimulatorReport {
  /** Names this shape, so a consumer can refuse one it does not know. */
  format: "mode-datasets-simulator-report/1";
  verdict: "pass" | "fail";
  strict: boolean;
  /** Why the verdict failed, one sentence each; empty when it passed. */
  reasons: string[];
  /** Errors first, then warnings, each group in the order it was first seen. */
  findings: ConductFinding[];
  requests: { total: number; byStatus: Record<string, number> };
  workspace: {
    account: string;
    seed: number;
    collections: number;
    datasets: number;
    timeScale: number;
    faults: string;
  };
  /** Mode's milliseconds from the simulator's start to this report. */
  simulatedMs: number;
  /** The command `simulate` ran, and how it ended (null when stopped by a signal). */
  command?: { argv: string[]; exitCode: number | null };
}

export interface ReportExtras {
  command?: { argv: readonly string[]; exitCode: number | null };
  /** Overrides the simulator's own `strict` (the command's `--strict`). */
  strict?: boolean;
}

export interface ReportInput {
  findings: ConductFinding[];
  redactor: Redactor;
  options: {
    seed: number;
    collections: number;
    datasets: number;
    timeScale: number;
    faults: Map<FaultName, number>;
    faultsText: string;
    strict: boolean;
  };
  total: number;
  byStatus: ReadonlyMap<string, number>;
  simulatedMs: number;
  extras?: ReportExtras;
}

const firstSeq = (f: ConductFinding): number => f.evidence[0]?.seq ?? Number.MAX_SAFE_INTEGER;

export function buildReport(input: ReportInput): SimulatorReport {
  const { redactor, options } = input;
  const strict = input.extras?.strict ?? options.strict;
  const findings = input.findings
    .map((f) => ({
      ...f,
      message: redactor.text(f.message),
      evidence: f.evidence.map((e) => ({
        ...e,
        url: redactor.url(e.url),
        ...(e.note === undefined ? {} : { note: redactor.text(e.note) }),
      })),
    }))
    .sort(
      (a, b) =>
        Number(b.severity === "error") - Number(a.severity === "error") ||
        firstSeq(a) - firstSeq(b),
    );
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;
  const reasons: string[] = [];
  const command = input.extras?.command;
  if (command && command.exitCode !== 0) {
    reasons.push(
      command.exitCode === null
        ? "the command was stopped by a signal"
        : `the command exited with ${command.exitCode}`,
    );
  }
  if (command && input.total === 0) reasons.push("the command sent no request to the simulator");
  if (errors > 0) reasons.push(`${errors} error finding(s)`);
  if (strict && warnings > 0)
    reasons.push(`${warnings} warning finding(s), which fail under strict`);
  return {
    format: "mode-datasets-simulator-report/1",
    verdict: reasons.length > 0 ? "fail" : "pass",
    strict,
    reasons,
    findings,
    requests: { total: input.total, byStatus: Object.fromEntries(input.byStatus) },
    workspace: {
      account: "northwind",
      seed: options.seed,
      collections: options.collections,
      datasets: options.datasets,
      timeScale: options.timeScale,
      faults: options.faultsText,
    },
    simulatedMs: input.simulatedMs,
    ...(command
      ? { command: { argv: command.argv.map((a) => redactor.text(a)), exitCode: command.exitCode } }
      : {}),
  };
}
