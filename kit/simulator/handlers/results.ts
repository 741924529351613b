// A run's result content: the rows the seed generates for its Dataset (a report's run serves the
// rows of the first Dataset it imports), as CSV or JSON, streamed. Only a run that succeeded has
// results; any other answers 404 `run results not found`, as Mode answers for a purged run.
import { generateRows } from "../results/rows.js";
import { csvChunks, jsonChunks } from "../results/formats.js";
import { modeError } from "../wire/error.js";
import { runStateAt } from "../workspace/runs.js";
import type { Column } from "../workspace/types.js";
import type { Handler } from "./types.js";

const REPORT_COLUMNS: readonly Column[] = [
  { name: "week", type: "timestamp" },
  { name: "region", type: "string" },
  { name: "orders", type: "integer" },
  { name: "revenue", type: "number" },
];

export function resultsContent(format: "csv" | "json"): Handler {
  return ({ workspace, now, path, seed }) => {
    const owner = workspace.owner(path["report"] ?? "");
    const run = owner ? workspace.run(owner.token, path["run"] ?? "") : undefined;
    if (!owner || !run || runStateAt(run, now).state !== "succeeded") {
      return modeError("not_found", "run results not found");
    }
    const source = owner.kind === "dataset" ? owner : workspace.dataset(owner.imports[0] ?? "");
    const columns = source?.columns ?? REPORT_COLUMNS;
    const rowCount = source?.rowCount ?? 12;
    const rows = () => generateRows(seed, source?.token ?? owner.token, columns, rowCount);
    return {
      status: 200,
      content:
        format === "csv"
          ? { contentType: "text/csv; charset=utf-8", chunks: () => csvChunks(columns, rows()) }
          : { contentType: "application/json", chunks: () => jsonChunks(columns, rows()) },
    };
  };
}
