// Result content: the rows a succeeded run holds, generated from the seed, as CSV or JSON and
// streamed. A report run's CSV is one CSV when the report has one query (as every Dataset does)
// and, as Mode sends it, a ZIP of one CSV per query when it has several; its JSON is the first
// query's rows. A query run's content is always its own query's rows. Any run that has not
// succeeded answers 404 `run results not found`, as Mode answers for a purged run.
import { csvChunks, jsonChunks } from "../results/formats.js";
import { generateRows } from "../results/rows.js";
import { zipStored } from "../results/zip.js";
import { modeError } from "../wire/error.js";
import { runStateAt } from "../workspace/runs.js";
import type { QueryRecord, RunRecord } from "../workspace/types.js";
import type { Handler, HandlerContext, HandlerResult, StreamedContent } from "./types.js";

const notFound = (): HandlerResult => modeError("not_found", "run results not found");

/** The run the path names, if it succeeded. */
function succeededRun(context: HandlerContext): RunRecord | undefined {
  const { workspace, path, now } = context;
  const owner = workspace.owner(path["report"] ?? "");
  const run = owner ? workspace.run(owner.token, path["run"] ?? "") : undefined;
  return run && runStateAt(run, now).state === "succeeded" ? run : undefined;
}

const rowsOf = (seed: number, query: QueryRecord) =>
  generateRows(seed, query.rowsFrom, query.columns, query.rowCount);

const fileName = (name: string): string =>
  name.replace(/[^\w.-]+/g, "_").slice(0, 100) || "results";

function csv(seed: number, query: QueryRecord): StreamedContent {
  return {
    contentType: "text/csv; charset=utf-8",
    headers: { "Content-Disposition": `attachment; filename="${fileName(query.name)}.csv"` },
    chunks: () => csvChunks(query.columns, rowsOf(seed, query)),
  };
}

const json = (seed: number, query: QueryRecord): StreamedContent => ({
  contentType: "application/json",
  chunks: () => jsonChunks(query.columns, rowsOf(seed, query)),
});

export function reportRunResults(format: "csv" | "json"): Handler {
  return (context) => {
    const run = succeededRun(context);
    const queries = run ? context.workspace.queriesOf(run.ownerToken) : [];
    const [first] = queries;
    if (!run || !first) return notFound();
    if (format === "json") return { status: 200, content: json(context.seed, first) };
    if (queries.length === 1) return { status: 200, content: csv(context.seed, first) };
    const encoder = new TextEncoder();
    const owner = context.workspace.owner(run.ownerToken);
    return {
      status: 200,
      content: {
        contentType: "application/zip",
        headers: {
          "Content-Disposition": `attachment; filename="${fileName(owner?.name ?? "results")}.zip"`,
        },
        chunks: () => [
          zipStored(
            queries.map((query, i) => ({
              name: `${i + 1}-${fileName(query.name)}.csv`,
              data: encoder.encode(
                [...csvChunks(query.columns, rowsOf(context.seed, query))].join(""),
              ),
            })),
          ),
        ],
      },
    };
  };
}

export function queryRunResults(format: "csv" | "json"): Handler {
  return (context) => {
    const run = succeededRun(context);
    const queryRun = run
      ? context.workspace.queryRunsOf(run).find((q) => q.token === context.path["query_run"])
      : undefined;
    if (!queryRun) return notFound();
    return { status: 200, content: (format === "csv" ? csv : json)(context.seed, queryRun.query) };
  };
}
