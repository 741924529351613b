// A Dataset's columns, the descriptions attached to them (listed, added, changed, removed) and
// the schedules that run it. A description is for a column the Dataset has, one per column.
import { modeError } from "../wire/error.js";
import { fieldBody, fieldDescriptionBody } from "../wire/field.js";
import { collectionBody, type ListingQuery, pageOf } from "../wire/listing.js";
import { scheduleBody } from "../wire/schedule.js";
import { schedulesOf } from "../workspace/schedules.js";
import type { DatasetRecord, FieldDescriptionRecord } from "../workspace/types.js";
import type { Handler, HandlerContext, HandlerResult } from "./types.js";

function datasetOf(context: HandlerContext): DatasetRecord | HandlerResult {
  const token = context.path["dataset"] ?? "";
  return (
    context.workspace.dataset(token) ??
    modeError("not_found", `dataset not found: no dataset ${token} in ${context.workspace.account}`)
  );
}

const isDataset = (value: DatasetRecord | HandlerResult): value is DatasetRecord => "kind" in value;

/** A paged listing of `items`, in the order given. */
function paged(
  context: HandlerContext,
  path: string,
  key: string,
  items: unknown[],
): HandlerResult {
  const page = pageOf(
    items.map((item) => ({ item })),
    context.query as ListingQuery,
    { sorted: false },
  );
  if (typeof page === "string") return modeError("bad_request", page);
  return {
    status: 200,
    body: collectionBody(
      path,
      context.query,
      key,
      page,
      page.items.map(({ item }) => item),
    ),
    listing: { page: page.page, perPage: page.perPage, last: page.page >= page.totalPages },
  };
}

export const listDatasetFields: Handler = (context) => {
  const dataset = datasetOf(context);
  if (!isDataset(dataset)) return dataset;
  const path = `/${context.workspace.account}/datasets/${dataset.token}/fields`;
  return paged(context, path, "fields", dataset.columns.map(fieldBody));
};

export const listDatasetSchedules: Handler = (context) => {
  const dataset = datasetOf(context);
  if (!isDataset(dataset)) return dataset;
  const { account } = context.workspace;
  const bodies = schedulesOf(dataset).map((s) => scheduleBody(account, dataset, s, context.now));
  return paged(
    context,
    `/${account}/datasets/${dataset.token}/schedules`,
    "report_schedules",
    bodies,
  );
};

export const listFieldDescriptions: Handler = (context) => {
  const dataset = datasetOf(context);
  if (!isDataset(dataset)) return dataset;
  const { account } = context.workspace;
  const bodies = context.workspace
    .descriptionsOf(dataset.token)
    .map((d) => fieldDescriptionBody(account, d));
  return paged(
    context,
    `/${account}/datasets/${dataset.token}/field_descriptions`,
    "field_descriptions",
    bodies,
  );
};

/** `{name, desc}` whether wrapped in `field_description` or not: the spec takes both. */
function unwrap(body: unknown): { name?: string; desc: string } {
  const value = body as {
    field_description?: { name?: string; desc: string };
    name?: string;
    desc: string;
  };
  return value.field_description ?? value;
}

export const createFieldDescription: Handler = (context) => {
  const dataset = datasetOf(context);
  if (!isDataset(dataset)) return dataset;
  const { workspace, now } = context;
  const { name = "", desc } = unwrap(context.body);
  if (!dataset.columns.some((c) => c.name === name)) {
    return modeError(
      "bad_request",
      `${dataset.name} has no column ${JSON.stringify(name)}; its columns are ${dataset.columns.map((c) => c.name).join(", ")}`,
    );
  }
  if (workspace.descriptionsOf(dataset.token).some((d) => d.name === name)) {
    return modeError(
      "bad_request",
      `the column ${name} is described already; change its description instead`,
    );
  }
  const created = workspace.describe(dataset.token, name, desc, now);
  if (!created)
    return modeError("bad_request", `${dataset.name} holds as many descriptions as it may`);
  return { status: 200, body: fieldDescriptionBody(workspace.account, created), acted: true };
};

function descriptionOf(
  context: HandlerContext,
  dataset: DatasetRecord,
): FieldDescriptionRecord | HandlerResult {
  const token = context.path["field_description"] ?? "";
  return (
    context.workspace.descriptionsOf(dataset.token).find((d) => d.token === token) ??
    modeError(
      "not_found",
      `field description not found: no description ${token} on ${dataset.token}`,
    )
  );
}

const isDescription = (
  value: FieldDescriptionRecord | HandlerResult,
): value is FieldDescriptionRecord => "datasetToken" in value;

export const updateFieldDescription: Handler = (context) => {
  const dataset = datasetOf(context);
  if (!isDataset(dataset)) return dataset;
  const description = descriptionOf(context, dataset);
  if (!isDescription(description)) return description;
  const changed = context.workspace.redescribe(description, unwrap(context.body).desc, context.now);
  return {
    status: 200,
    body: fieldDescriptionBody(context.workspace.account, changed),
    acted: true,
  };
};

export const deleteFieldDescription: Handler = (context) => {
  const dataset = datasetOf(context);
  if (!isDataset(dataset)) return dataset;
  const description = descriptionOf(context, dataset);
  if (!isDescription(description)) return description;
  context.workspace.undescribe(description);
  return {
    status: 200,
    body: fieldDescriptionBody(context.workspace.account, description),
    acted: true,
  };
};
