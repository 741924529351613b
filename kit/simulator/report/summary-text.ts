// What `mode-datasets simulate` prints when a run ends: each finding in one block (severity, rule,
// how often, the message, its first requests), then the verdict line and why it failed.
import type { SimulatorReport } from "./build.js";

const SHOWN_EVIDENCE = 3;

export function summaryText(report: SimulatorReport): string {
  const lines = [
    `simulate: ${report.requests.total} request(s), ${report.findings.length} finding(s)`,
  ];
  for (const f of report.findings) {
    lines.push("", `  ${f.severity} ${f.rule} (${f.count}x)`, `    ${f.message}`);
    for (const e of f.evidence.slice(0, SHOWN_EVIDENCE)) {
      lines.push(
        `      #${e.seq} at ${(e.t / 1000).toFixed(2)} s  ${e.method} ${e.url} -> ${e.status}${e.note ? `  (${e.note})` : ""}`,
      );
    }
    if (f.evidence.length > SHOWN_EVIDENCE)
      lines.push(`      ... ${f.evidence.length - SHOWN_EVIDENCE} more in the report`);
  }
  lines.push("");
  if (report.verdict === "pass") lines.push("simulate: PASS");
  else for (const reason of report.reasons) lines.push(`simulate: FAIL: ${reason}`);
  return lines.join("\n");
}
