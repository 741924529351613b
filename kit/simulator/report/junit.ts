// The simulator's report as JUnit XML, for CI pages: a `conduct` suite with one case per conduct
// rule (failing when a finding of it fails the verdict), a `requests` suite with one case per
// kind of bad request, and a `(run)` suite for the command. Escaping is the kit's own.
import { conductRules } from "../conduct/index.js";
import type { ConductFinding } from "../conduct/types.js";
import { escapeAttribute, escapeText } from "../../report/index.js";
import type { SimulatorReport } from "./build.js";

interface Case {
  name: string;
  failure?: { type: string; message: string; details: string };
  output?: string;
}

const attributes = (pairs: Record<string, string | number>): string =>
  Object.entries(pairs)
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
    .join("");

const details = (f: ConductFinding): string =>
  [
    `${f.severity}, ${f.count} time(s): ${f.message}`,
    ...f.evidence.map(
      (e) =>
        `  #${e.seq} ${e.at} ${e.method} ${e.url} -> ${e.status}${e.note ? `: ${e.note}` : ""}`,
    ),
  ].join("\n");

function caseFor(name: string, findings: ConductFinding[], strict: boolean): Case {
  const failing = findings.filter((f) => f.severity === "error" || strict);
  if (failing.length > 0) {
    const first = failing[0] as ConductFinding;
    return {
      name,
      failure: {
        type: first.rule,
        message: first.message,
        details: findings.map(details).join("\n\n"),
      },
    };
  }
  return findings.length > 0 ? { name, output: findings.map(details).join("\n\n") } : { name };
}

function render(c: Case, classname: string): string {
  const open = `    <testcase${attributes({ classname, name: c.name })}`;
  if (!c.failure && c.output === undefined) return `${open}/>`;
  const inner = c.failure
    ? `      <failure${attributes({ type: c.failure.type, message: c.failure.message })}>${escapeText(c.failure.details)}</failure>`
    : `      <system-out>${escapeText(c.output ?? "")}</system-out>`;
  return `${open}>\n${inner}\n    </testcase>`;
}

export function toJunit(report: SimulatorReport): string {
  const suites = new Map<string, Case[]>();
  const run: Case[] = [];
  if (report.command) {
    const { argv, exitCode } = report.command;
    run.push(
      exitCode === 0
        ? { name: `the command exits 0: ${argv.join(" ")}` }
        : {
            name: `the command exits 0: ${argv.join(" ")}`,
            failure: {
              type: "command",
              message: exitCode === null ? "stopped by a signal" : `exited with ${exitCode}`,
              details: argv.join(" "),
            },
          },
      report.requests.total > 0
        ? { name: "the command sends at least one request" }
        : {
            name: "the command sends at least one request",
            failure: {
              type: "no-requests",
              message: "no request reached the simulator",
              details: "",
            },
          },
    );
  }
  suites.set("(run)", run);
  suites.set(
    "conduct",
    conductRules.map((rule) =>
      caseFor(
        `${rule.id}: ${rule.summary}`,
        report.findings.filter((f) => f.rule === rule.id),
        report.strict,
      ),
    ),
  );
  const conductIds = new Set(conductRules.map((r) => r.id));
  const requestFindings = report.findings.filter((f) => !conductIds.has(f.rule));
  suites.set(
    "requests",
    requestFindings.length > 0
      ? requestFindings.map((f) =>
          caseFor(`${f.rule}: ${f.message.split(":")[0]}`, [f], report.strict),
        )
      : [{ name: `${report.requests.total} request(s) matched the spec` }],
  );

  const all = [...suites.values()].flat();
  const failures = (cases: Case[]): number => cases.filter((c) => c.failure).length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({ name: "mode-datasets simulate", tests: all.length, failures: failures(all), errors: 0 })}>`,
  ];
  for (const [name, cases] of suites) {
    lines.push(
      `  <testsuite${attributes({ name, tests: cases.length, failures: failures(cases), errors: 0, skipped: 0 })}>`,
    );
    if (name === "(run)") {
      lines.push(
        "    <properties>",
        ...Object.entries({
          verdict: report.verdict,
          strict: String(report.strict),
          seed: String(report.workspace.seed),
          "time-scale": String(report.workspace.timeScale),
          faults: report.workspace.faults,
        }).map(([key, value]) => `      <property${attributes({ name: key, value })}/>`),
        "    </properties>",
      );
    }
    lines.push(...cases.map((c) => render(c, name)), "  </testsuite>");
  }
  lines.push("</testsuites>", "");
  return lines.join("\n");
}
