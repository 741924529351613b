// Runs of Datasets and reports: start one (a Dataset run, a report run or a refresh of the
// Datasets a report imports), read one as it moves along, list them. A Dataset's token works as
// a report token, as on Mode, where a Dataset is a report.
import { modeError } from "../wire/error.js";
import { collectionBody, type ListingQuery, pageOf } from "../wire/listing.js";
import { runBody } from "../wire/run.js";
import { runStateAt, TERMINAL_STATES } from "../workspace/runs.js";
import type { RunRecord } from "../workspace/types.js";
import type { Owner } from "../workspace/workspace.js";
import type { Handler, HandlerContext, HandlerResult } from "./types.js";

const ownerNotFound = (
  context: HandlerContext,
  kind: "dataset" | "report",
  token: string | undefined,
): HandlerResult =>
  modeError(
    "not_found",
    `${kind} not found: no ${kind} ${token ?? ""} in ${context.workspace.account}`,
  );

function ownerOf(context: HandlerContext, kind: "dataset" | "report"): Owner | HandlerResult {
  const token = context.path[kind] ?? "";
  const owner =
    kind === "dataset" ? context.workspace.dataset(token) : context.workspace.owner(token);
  return owner ?? ownerNotFound(context, kind, token);
}

const isOwner = (value: Owner | HandlerResult): value is Owner => "token" in value;

function listRuns(context: HandlerContext, kind: "dataset" | "report"): HandlerResult {
  const owner = ownerOf(context, kind);
  if (!isOwner(owner)) return owner;
  const { workspace, now, query } = context;
  const runs = workspace.runsOf(owner.token).filter((r) => r.createdAt <= now);
  const records = runs.map((r) => ({
    run: r,
    createdAt: r.createdAt,
    updatedAt: runStateAt(r, now).since,
  }));
  const page = pageOf(records, query as ListingQuery);
  if (typeof page === "string") return modeError("bad_request", page);
  const bodies = page.items.map(({ run }) => runBody(workspace.account, run, runs, now));
  const listingPath = `/${workspace.account}/${kind === "dataset" ? "datasets" : "reports"}/${owner.token}/runs`;
  return {
    status: 200,
    body: collectionBody(listingPath, query, "report_runs", page, bodies),
    listing: { page: page.page, perPage: page.perPage, last: page.page >= page.totalPages },
  };
}

function getRun(context: HandlerContext, kind: "dataset" | "report"): HandlerResult {
  const owner = ownerOf(context, kind);
  if (!isOwner(owner)) return owner;
  const { workspace, now, path } = context;
  const run = workspace.run(owner.token, path["run"] ?? "");
  if (!run) {
    return modeError(
      "not_found",
      `report run not found: no run ${path["run"] ?? ""} of ${owner.token}`,
    );
  }
  const body = runBody(workspace.account, run, workspace.runsOf(owner.token), now);
  const state = String(body["state"]);
  return {
    status: 200,
    body,
    run: { token: run.token, state, terminal: TERMINAL_STATES.has(state) },
  };
}

function started(context: HandlerContext, owner: Owner, run: RunRecord): HandlerResult {
  const { workspace, now } = context;
  return {
    status: 202,
    body: runBody(workspace.account, run, workspace.runsOf(owner.token), now),
    acted: true,
  };
}

export const listDatasetRuns: Handler = (context) => listRuns(context, "dataset");
export const listReportRuns: Handler = (context) => listRuns(context, "report");
export const getDatasetRun: Handler = (context) => getRun(context, "dataset");
export const getReportRun: Handler = (context) => getRun(context, "report");

export const runDataset: Handler = (context) => {
  const owner = ownerOf(context, "dataset");
  if (!isOwner(owner)) return owner;
  const run = context.workspace.startRun(
    owner,
    { parameters: {}, datasetTokens: [], by: context.member },
    context.now,
  );
  return started(context, owner, run);
};

export const refreshDatasetsInReport: Handler = (context) => {
  const owner = ownerOf(context, "report");
  if (!isOwner(owner)) return owner;
  const { workspace } = context;
  const body = (context.body ?? {}) as {
    report?: { dataset_tokens: Array<{ token: string }> };
    parameters?: Record<string, unknown>;
  };
  const tokens = body.report?.dataset_tokens.map((d) => d.token) ?? [];
  const unknown = tokens.filter((t) => !workspace.dataset(t));
  if (unknown.length > 0) {
    return modeError(
      "not_found",
      `dataset not found: ${unknown.map((t) => `\`${t}\``).join(", ")} ${unknown.length === 1 ? "is" : "are"} no Dataset of ${workspace.account}`,
    );
  }
  const run = workspace.startRun(
    owner,
    { parameters: body.parameters ?? {}, datasetTokens: tokens, by: context.member },
    context.now,
  );
  return started(context, owner, run);
};
