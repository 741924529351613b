// Datasets: one Dataset (read, update, delete), the Datasets of a Collection or of a data source,
// and the reports that import one. Writes change the workspace, and what they change reads back.
import { modeError } from "../wire/error.js";
import { collectionBody, type ListingQuery, pageOf } from "../wire/listing.js";
import { datasetBody, datasetListItem, reportBody } from "../wire/report.js";
import type { DatasetRecord } from "../workspace/types.js";
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

export const getDataset: Handler = (context) => {
  const { workspace, facts, now, path } = context;
  const dataset = workspace.dataset(path["dataset"] ?? "");
  if (!dataset) return notFound(context, "dataset", path["dataset"]);
  return { status: 200, body: datasetBody(facts, dataset, workspace.runsOf(dataset.token), now) };
};

export const updateDataset: Handler = (context) => {
  const { workspace, facts, now, path } = context;
  const dataset = workspace.dataset(path["dataset"] ?? "");
  if (!dataset) return notFound(context, "dataset", path["dataset"]);
  const changes = (
    context.body as { report: { name?: string; description?: string; space_token?: string } }
  ).report;
  if (changes.space_token !== undefined && !workspace.space(changes.space_token)) {
    return modeError(
      "bad_request",
      `space_token ${changes.space_token} names no Collection of ${workspace.account}; send the token of an existing Collection`,
    );
  }
  const updated = workspace.updateDataset(
    dataset.token,
    {
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.description !== undefined ? { description: changes.description } : {}),
      ...(changes.space_token !== undefined ? { spaceToken: changes.space_token } : {}),
    },
    now,
  );
  return {
    status: 200,
    body: datasetBody(facts, updated, workspace.runsOf(updated.token), now),
    acted: true,
  };
};

export const deleteDataset: Handler = (context) => {
  const { workspace, path } = context;
  const dataset = workspace.dataset(path["dataset"] ?? "");
  if (!dataset) return notFound(context, "dataset", path["dataset"]);
  workspace.deleteDataset(dataset.token);
  return { status: 200, acted: true };
};

function datasetPage(
  context: HandlerContext,
  listingPath: string,
  datasets: readonly DatasetRecord[],
): HandlerResult {
  const { workspace, facts, now, query } = context;
  const page = pageOf(datasets, query as ListingQuery);
  if (typeof page === "string") return modeError("bad_request", page);
  const bodies = page.items.map((d) =>
    datasetListItem(facts, d, workspace.space(d.spaceToken), workspace.runsOf(d.token), now),
  );
  return {
    status: 200,
    body: collectionBody(listingPath, query, "reports", page, bodies),
    listing: { page: page.page, perPage: page.perPage, last: page.page >= page.totalPages },
  };
}

export const listDatasetsForSpace: Handler = (context) => {
  const { workspace, path } = context;
  const space = workspace.space(path["space"] ?? "");
  if (!space) return notFound(context, "space", path["space"]);
  return datasetPage(
    context,
    `/${workspace.account}/spaces/${space.token}/datasets`,
    workspace.datasets().filter((d) => d.spaceToken === space.token),
  );
};

export const listDatasetsForDataSource: Handler = (context) => {
  const { workspace, path } = context;
  const source = workspace.dataSource(path["data_source"] ?? "");
  if (!source) return notFound(context, "data source", path["data_source"]);
  return datasetPage(
    context,
    `/${workspace.account}/data_sources/${source.token}/datasets`,
    workspace.datasets().filter((d) => d.dataSourceToken === source.token),
  );
};

export const listReportsForDataset: Handler = (context) => {
  const { workspace, facts, now, path, query } = context;
  const dataset = workspace.dataset(path["dataset"] ?? "");
  if (!dataset) return notFound(context, "dataset", path["dataset"]);
  const page = pageOf(workspace.reportsImporting(dataset.token), query as ListingQuery);
  if (typeof page === "string") return modeError("bad_request", page);
  const bodies = page.items.map((r) => reportBody(facts, r, workspace.runsOf(r.token), now));
  return {
    status: 200,
    body: collectionBody(
      `/${workspace.account}/datasets/${dataset.token}/reports`,
      query,
      "reports",
      page,
      bodies,
    ),
    listing: { page: page.page, perPage: page.perPage, last: page.page >= page.totalPages },
  };
};
