// A report's queries and a run's query runs: all at once, in report order (Mode does not page
// these). A query is found by its own token whatever report the path names, as on Mode; a
// failed run's query run says why it failed.
import { modeError } from "../wire/error.js";
import { collectionBody, pageOf } from "../wire/listing.js";
import { queryBody, queryRunBody } from "../wire/query.js";
import type { RunRecord } from "../workspace/types.js";
import type { Handler, HandlerContext, HandlerResult } from "./types.js";

const reportNotFound = (context: HandlerContext): HandlerResult =>
  modeError(
    "not_found",
    `report not found: no report ${context.path["report"] ?? ""} in ${context.workspace.account}`,
  );

/** Every item at once, in the order given, as a listing without paging. */
function allAt(path: string, key: string, bodies: unknown[]): Record<string, unknown> {
  const page = pageOf(
    bodies.map(() => ({})),
    {},
    { paged: false, sorted: false },
  );
  return collectionBody(path, {}, key, page as Exclude<typeof page, string>, bodies, false);
}

export const listQueriesForReport: Handler = (context) => {
  const { workspace, path } = context;
  const owner = workspace.owner(path["report"] ?? "");
  if (!owner) return reportNotFound(context);
  const bodies = workspace
    .queriesOf(owner.token)
    .map((q) => queryBody(workspace.account, q, workspace.dataSource(q.dataSourceToken)));
  return {
    status: 200,
    body: allAt(`/${workspace.account}/reports/${owner.token}/queries`, "queries", bodies),
  };
};

export const getQuery: Handler = (context) => {
  const { workspace, path } = context;
  if (!workspace.owner(path["report"] ?? "")) return reportNotFound(context);
  const query = workspace.query(path["query"] ?? "");
  if (!query) {
    return modeError(
      "not_found",
      `query not found: no query ${path["query"] ?? ""} in ${workspace.account}`,
    );
  }
  return {
    status: 200,
    body: queryBody(workspace.account, query, workspace.dataSource(query.dataSourceToken)),
  };
};

function runOf(context: HandlerContext): RunRecord | HandlerResult {
  const { workspace, path } = context;
  const owner = workspace.owner(path["report"] ?? "");
  if (!owner) return reportNotFound(context);
  const run = workspace.run(owner.token, path["run"] ?? "");
  return (
    run ??
    modeError("not_found", `report run not found: no run ${path["run"] ?? ""} of ${owner.token}`)
  );
}

const isRun = (value: RunRecord | HandlerResult): value is RunRecord => "ownerToken" in value;

export const listQueryRuns: Handler = (context) => {
  const run = runOf(context);
  if (!isRun(run)) return run;
  const { workspace, now } = context;
  const bodies = workspace
    .queryRunsOf(run)
    .map((q) =>
      queryRunBody(
        workspace.account,
        q,
        workspace.dataSource(q.query.dataSourceToken),
        run.error,
        now,
      ),
    );
  const at = `/${workspace.account}/reports/${run.ownerToken}/runs/${run.token}/query_runs`;
  return { status: 200, body: allAt(at, "query_runs", bodies) };
};

export const getQueryRun: Handler = (context) => {
  const run = runOf(context);
  if (!isRun(run)) return run;
  const { workspace, now, path } = context;
  const queryRun = workspace.queryRunsOf(run).find((q) => q.token === path["query_run"]);
  if (!queryRun) {
    return modeError(
      "not_found",
      `query run not found: no query run ${path["query_run"] ?? ""} of run ${run.token}`,
    );
  }
  const source = workspace.dataSource(queryRun.query.dataSourceToken);
  return { status: 200, body: queryRunBody(workspace.account, queryRun, source, run.error, now) };
};
