import { cpus } from "node:os";

/** One line of the results table. `ok` is set only where the issue names a target. */
export interface Row {
  section: string;
  measure: string;
  value: string;
  target?: string;
  ok?: boolean;
}

export function machine(): string {
  const cpu = cpus();
  return `Node ${process.version}, ${process.platform}/${process.arch}, ${cpu.length} x ${cpu[0]?.model.trim() ?? "unknown CPU"}`;
}

/** The table as GitHub Markdown, also readable as plain text in a terminal. */
export function markdownTable(rows: readonly Row[]): string {
  const header = ["section", "measure", "value", "target", "met"];
  const body = rows.map((row) => [
    row.section,
    row.measure,
    row.value,
    row.target ?? "",
    row.ok === undefined ? "" : row.ok ? "yes" : "**NO**",
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((cells) => (cells[column] ?? "").length)),
  );
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(" | ")} |`;
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...body.map(line)].join(
    "\n",
  );
}

export const fixed = (value: number, digits = 0): string =>
  value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const kB = (bytes: number): string => `${(bytes / 1000).toFixed(2)} kB`;
export const MB = (bytes: number): string => `${(bytes / 1_000_000).toFixed(2)} MB`;

/** The rows of the first table `markdownTable` wrote into `text` (RESULTS.md). */
export function parseMarkdownTable(text: string): Row[] {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => line.startsWith("| section"));
  if (start === -1) return [];
  const rows: Row[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("| ")) break;
    const [section = "", measure = "", value = "", target = "", met = ""] = line
      .slice(2, -2)
      .split(" | ")
      .map((cell) => cell.trim());
    rows.push({
      section,
      measure,
      value,
      ...(target ? { target } : {}),
      ...(met === "yes" ? { ok: true } : met === "**NO**" ? { ok: false } : {}),
    });
  }
  return rows;
}
