// `--json <file>`: the summary as it is, for scripts and dashboards. `format` names the shape.
import type { RunSummary } from "./summary.js";

export function toJsonSummary(summary: RunSummary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}
