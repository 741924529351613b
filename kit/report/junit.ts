// `--junit <file>`: JUnit XML as CI servers read it (GitHub, GitLab, Jenkins). One <testsuite>
// per operation, one <testcase> per operation and kind of violation, a passing case for an
// operation that broke nothing, and a `(run)` suite for the run itself (the command's exit
// code, whether it sent anything), so a CI page shows every reason a run failed.
import type { RunSummary, ViolationCase } from "./summary.js";

// XML 1.0 allows tab, newline, carriage return and the ranges below; anything else (other
// control characters, lone surrogates) makes the file unreadable, so it becomes U+FFFD.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text content: `&` and `<` must be escaped, `>` is escaped so `]]>` can never appear. */
export function escapeText(text: string): string {
  return text
    .replace(NOT_XML, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/** Attribute values: also quotes, and whitespace as references so parsers keep it as sent. */
export function escapeAttribute(text: string): string {
  return escapeText(text)
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");
}

const attributes = (pairs: Record<string, string | number>): string =>
  Object.entries(pairs)
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
    .join("");

interface TestCase {
  classname: string;
  name: string;
  failure?: { type: string; message: string; details: string };
  output?: string;
}

const details = (c: ViolationCase): string =>
  [
    `${c.count} time(s), ${c.severity}`,
    ...c.examples.map((e) => `${e.method} ${e.url} -> ${e.status}: ${e.message}`),
    ...(c.count > c.examples.length ? [`... and ${c.count - c.examples.length} more`] : []),
  ].join("\n");

function testCases(summary: RunSummary): Map<string, TestCase[]> {
  const suites = new Map<string, TestCase[]>();
  const run: TestCase[] = [];
  if (summary.command) {
    const code = summary.command.exitCode;
    run.push({
      classname: "(run)",
      name: `the command exits 0: ${summary.command.argv.join(" ")}`,
      ...(code === 0
        ? {}
        : {
            failure: {
              type: "command",
              message: code === null ? "stopped by a signal" : `exited with ${code}`,
              details: summary.command.argv.join(" "),
            },
          }),
    });
  }
  if (summary.mode === "contract") {
    run.push({
      classname: "(run)",
      name: "the command sends at least one request",
      ...(summary.requests.total > 0
        ? {}
        : {
            failure: { type: "no-requests", message: "no request reached the mock", details: "" },
          }),
    });
  }
  // Always present: it carries the run's properties (spec, strict, verdict).
  suites.set("(run)", run);

  for (const operation of summary.operations) {
    const cases: TestCase[] = operation.cases.map((c) => {
      const first = c.examples[0]?.message ?? "";
      return c.failed
        ? {
            classname: operation.operation,
            name: c.kind,
            failure: { type: c.code, message: first, details: details(c) },
          }
        : { classname: operation.operation, name: c.kind, output: details(c) };
    });
    if (cases.length === 0) {
      cases.push({
        classname: operation.operation,
        name: `${operation.requests} request(s) matched the spec`,
      });
    }
    suites.set(operation.operation, cases);
  }
  return suites;
}

function renderCase(c: TestCase): string {
  const open = `    <testcase${attributes({ classname: c.classname, name: c.name })}`;
  if (!c.failure && c.output === undefined) return `${open}/>`;
  const body = c.failure
    ? `      <failure${attributes({ type: c.failure.type, message: c.failure.message })}>${escapeText(c.failure.details)}</failure>`
    : `      <system-out>${escapeText(c.output ?? "")}</system-out>`;
  return `${open}>\n${body}\n    </testcase>`;
}

export function toJunitXml(summary: RunSummary): string {
  const suites = testCases(summary);
  const all = [...suites.values()].flat();
  const failures = (cases: TestCase[]): number => cases.filter((c) => c.failure).length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({ name: `mode-datasets ${summary.mode}`, tests: all.length, failures: failures(all), errors: 0 })}>`,
  ];
  for (const [name, cases] of suites) {
    lines.push(
      `  <testsuite${attributes({ name, tests: cases.length, failures: failures(cases), errors: 0, skipped: 0 })}>`,
    );
    if (name === "(run)") {
      lines.push(
        "    <properties>",
        `      <property${attributes({ name: "spec", value: summary.spec })}/>`,
        `      <property${attributes({ name: "strict", value: String(summary.strict) })}/>`,
        `      <property${attributes({ name: "verdict", value: summary.verdict })}/>`,
        "    </properties>",
      );
    }
    lines.push(...cases.map(renderCase), "  </testsuite>");
  }
  lines.push("</testsuites>", "");
  return lines.join("\n");
}
