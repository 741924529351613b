// Reports: one report (read, update, delete; a Dataset's token works too, as on Mode, and then
// it is the Dataset that is read or changed), and the reports of a Collection or a data source.
// A report with several queries on one data source is listed once per query, as Mode lists it.
import { modeError } from "../wire/error.js";
import { collectionBody, type ListingQuery, pageOf } from "../wire/listing.js";
import { datasetBody, reportBody } from "../wire/report.js";
import type { Changes } from "../workspace/workspace.js";
import type { ReportRecord } from "../workspace/types.js";
import type { Handler, HandlerContext, HandlerResult } from "./types.js";

const notFound = (
  context: HandlerContext,
  what: string,
  token: string | undefined,
): HandlerResult =>
  modeError(
    "not_found",
    `${what} not found: no ${what} ${token ?? ""} in ${context.workspace.account}`,
  );

export const getReport: Handler = (context) => {
  const { workspace, facts, now, path } = context;
  const token = path["report"] ?? "";
  const dataset = workspace.dataset(token);
  if (dataset)
    return { status: 200, body: datasetBody(facts, dataset, workspace.runsOf(token), now) };
  const report = workspace.report(token);
  if (!report) return notFound(context, "report", token);
  return { status: 200, body: reportBody(facts, report, workspace.runsOf(token), now) };
};

export const updateReport: Handler = (context) => {
  const { workspace, facts, now, path } = context;
  const token = path["report"] ?? "";
  const { name, description, space_token } = (
    context.body as {
      report: { name?: string; description?: string; space_token?: string };
    }
  ).report;
  const isDataset = workspace.dataset(token) !== undefined;
  if (!isDataset && !workspace.report(token)) return notFound(context, "report", token);
  if (space_token !== undefined && !workspace.space(space_token)) {
    return modeError(
      "bad_request",
      `space_token ${space_token} names no Collection of ${workspace.account}; send the token of an existing Collection`,
    );
  }
  const changes: Changes = {
    ...(name !== undefined ? { name } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(space_token !== undefined ? { spaceToken: space_token } : {}),
  };
  const body = isDataset
    ? datasetBody(facts, workspace.updateDataset(token, changes, now), workspace.runsOf(token), now)
    : reportBody(facts, workspace.updateReport(token, changes, now), workspace.runsOf(token), now);
  return { status: 200, body, acted: true };
};

export const deleteReport: Handler = (context) => {
  const { workspace, path } = context;
  const token = path["report"] ?? "";
  if (workspace.dataset(token)) workspace.deleteDataset(token);
  else if (workspace.report(token)) workspace.deleteReport(token);
  else return notFound(context, "report", token);
  return { status: 200, acted: true };
};

function reportPage(
  context: HandlerContext,
  listingPath: string,
  reports: ReadonlyArray<ReportRecord>,
): HandlerResult {
  const { workspace, facts, now, query } = context;
  const records = reports.map((report) => ({
    report,
    createdAt: report.createdAt,
    updatedAt: report.updatedAt,
  }));
  const page = pageOf(records, query as ListingQuery);
  if (typeof page === "string") return modeError("bad_request", page);
  const bodies = page.items.map(({ report }) =>
    reportBody(facts, report, workspace.runsOf(report.token), now),
  );
  return {
    status: 200,
    body: collectionBody(listingPath, query, "reports", page, bodies),
    listing: { page: page.page, perPage: page.perPage, last: page.page >= page.totalPages },
  };
}

/** The reports of a Collection, at `/spaces/` or `/collections/` as the path was sent. */
function reportsOfSpace(word: "spaces" | "collections"): Handler {
  return (context) => {
    const { workspace, path } = context;
    const space = workspace.space(path["space"] ?? "");
    if (!space) return notFound(context, "space", path["space"]);
    return reportPage(
      context,
      `/${workspace.account}/${word}/${space.token}/reports`,
      workspace.reports().filter((r) => r.spaceToken === space.token),
    );
  };
}

export const listReportsForSpace = reportsOfSpace("spaces");
export const listReportsForCollection = reportsOfSpace("collections");

export const listReportsForDataSource: Handler = (context) => {
  const { workspace, path } = context;
  const source = workspace.dataSource(path["data_source"] ?? "");
  if (!source) return notFound(context, "data source", path["data_source"]);
  const perQuery = workspace.reports().flatMap((report) =>
    workspace
      .queriesOf(report.token)
      .filter((q) => q.dataSourceToken === source.token)
      .map(() => report),
  );
  return reportPage(
    context,
    `/${workspace.account}/data_sources/${source.token}/reports`,
    perQuery,
  );
};
