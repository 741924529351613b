// mode.datasets: a Dataset, the listings that hold Datasets, and a Dataset's runs.
import type { ModeClient } from "../client/create-mode-client.js";
import type {
  Dataset,
  DatasetListItem,
  Report,
  ReportRun,
  UpdateDatasetRequest,
} from "../schema-types.js";
import {
  type CallOptions,
  callForNothing,
  callForObject,
  type IterateParams,
  type ListParams,
  type ModePromise,
  type PathParams,
} from "./call.js";
import { callForPage, type IterateOptions, iterate } from "./listings.js";
import { DATASET_RUN, type DatasetRunTarget } from "./runs.js";

const DATASET = "/{account}/datasets/{dataset}";
const RUNS = "/{account}/datasets/{dataset}/runs";
const UPDATE_FIELDS = ["name", "description", "space_token"] as const;

export interface DatasetRunMethods {
  /**
   * runDataset: runs the Dataset's query again against its data source, the only way to make
   * its data fresh; returns the new (202 Accepted) run. Never retried automatically: a replay
   * runs the query again.
   */
  run(params: PathParams<"runDataset">, options?: CallOptions): ModePromise<ReportRun>;
  /** getDatasetRun: one run of a Dataset as it is now (poll it, or use `waitForRun`). */
  getRun(params: DatasetRunTarget, options?: CallOptions): ModePromise<ReportRun>;
  /** listDatasetRuns: the items of one page. */
  listRuns(params: ListParams<"listDatasetRuns">, options?: CallOptions): ModePromise<ReportRun[]>;
  /** Every run of a Dataset, page after page. */
  iterateRuns(
    params: IterateParams<"listDatasetRuns">,
    options?: IterateOptions,
  ): AsyncGenerator<ReportRun, void, undefined>;
}

export interface DatasetMethods extends DatasetRunMethods {
  /** getDataset: one complete Dataset. */
  get(params: PathParams<"getDataset">, options?: CallOptions): ModePromise<Dataset>;
  /** updateDataset: changes name, description and/or space_token (at least one); returns the Dataset. */
  update(
    params: PathParams<"updateDataset">,
    changes: UpdateDatasetRequest["report"],
    options?: CallOptions,
  ): ModePromise<Dataset>;
  /** deleteDataset. Never retried automatically. */
  delete(params: PathParams<"deleteDataset">, options?: CallOptions): ModePromise<void>;
  /** listDatasetsForSpace: the items of one page. */
  listForSpace(
    params: ListParams<"listDatasetsForSpace">,
    options?: CallOptions,
  ): ModePromise<DatasetListItem[]>;
  /** listDatasetsForDataSource: the items of one page. */
  listForDataSource(
    params: ListParams<"listDatasetsForDataSource">,
    options?: CallOptions,
  ): ModePromise<DatasetListItem[]>;
  /** listReportsForDataset: the items of one page. */
  listReports(
    params: ListParams<"listReportsForDataset">,
    options?: CallOptions,
  ): ModePromise<Report[]>;
  /** Every Dataset in a Collection, page after page. */
  iterateForSpace(
    params: IterateParams<"listDatasetsForSpace">,
    options?: IterateOptions,
  ): AsyncGenerator<DatasetListItem, void, undefined>;
  /** Every Dataset of a data source, page after page. */
  iterateForDataSource(
    params: IterateParams<"listDatasetsForDataSource">,
    options?: IterateOptions,
  ): AsyncGenerator<DatasetListItem, void, undefined>;
  /** Every report that imports a Dataset, page after page. */
  iterateReports(
    params: IterateParams<"listReportsForDataset">,
    options?: IterateOptions,
  ): AsyncGenerator<Report, void, undefined>;
}

export function datasetMethods(client: ModeClient): DatasetMethods {
  return {
    get: (params, options) => callForObject(client, "get", DATASET, params, options),
    update: (params, changes, options) =>
      callForObject(client, "patch", DATASET, params, options, () => ({
        report: checkChanges(changes),
      })),
    delete: (params, options) => callForNothing(client, DATASET, params, options),
    listForSpace: (params, options) =>
      callForPage(client, "/{account}/spaces/{space}/datasets", params, options),
    listForDataSource: (params, options) =>
      callForPage(client, "/{account}/data_sources/{data_source}/datasets", params, options),
    listReports: (params, options) =>
      callForPage(client, "/{account}/datasets/{dataset}/reports", params, options),
    iterateForSpace: (params, options) =>
      iterate(client, "/{account}/spaces/{space}/datasets", params, options),
    iterateForDataSource: (params, options) =>
      iterate(client, "/{account}/data_sources/{data_source}/datasets", params, options),
    iterateReports: (params, options) =>
      iterate(client, "/{account}/datasets/{dataset}/reports", params, options),
    run: (params, options) => callForObject(client, "post", RUNS, params, options),
    getRun: (params, options) => callForObject(client, "get", DATASET_RUN, params, options),
    listRuns: (params, options) => callForPage(client, RUNS, params, options),
    iterateRuns: (params, options) => iterate(client, RUNS, params, options),
  };
}

// The spec makes the body strict with at least one field; failing here names the problem
// instead of surfacing Mode's (or Prism's) 400.
function checkChanges(changes: unknown): UpdateDatasetRequest["report"] {
  if (changes === null || typeof changes !== "object" || Array.isArray(changes)) {
    throw new TypeError(
      `Dataset changes ${String(changes)} are not an object; expected { name?, description?, space_token? }`,
    );
  }
  const keys = Object.keys(changes);
  const unknown = keys.filter((key) => !(UPDATE_FIELDS as readonly string[]).includes(key));
  if (unknown.length > 0) {
    throw new RangeError(
      `Unknown Dataset field(s) ${unknown.map((k) => JSON.stringify(k)).join(", ")}; expected ${UPDATE_FIELDS.join(", ")}`,
    );
  }
  if (keys.length === 0)
    throw new RangeError(
      `Dataset changes are empty; expected at least one of ${UPDATE_FIELDS.join(", ")}`,
    );
  for (const [key, value] of Object.entries(changes)) {
    if (typeof value !== "string")
      throw new TypeError(`Dataset field ${key} has type ${typeof value}; expected a string`);
  }
  return changes as UpdateDatasetRequest["report"];
}
