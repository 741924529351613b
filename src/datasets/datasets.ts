// mode.datasets: a Dataset, the listings that hold Datasets, and a Dataset's runs.
import type { ModeClient } from "../client/create-mode-client.js";
import type {
  Dataset,
  DatasetField,
  DatasetListItem,
  DatasetSchedule,
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
import { type FieldDescriptionMethods, fieldDescriptionMethods } from "./field-descriptions.js";
import { callForPage, type IterateOptions, iterate } from "./listings.js";
import type { ModeResultsDownload } from "../results/download.js";
import type { ResultsOptions } from "../results/options.js";
import type { ModeRows, ResultsFormat } from "../results/rows.js";
import { checkChanges } from "./report-changes.js";
import type { DatasetResultsParams, RowOf } from "./results.js";
import { DATASET_RUN, type DatasetRunTarget } from "./runs.js";

// Reading a run's rows (finding the run, the stream, the parsers) loads on first use: an app that
// never reads rows does not carry it.
const results = () => import("./results.js");

const DATASET = "/{account}/datasets/{dataset}";
const RUNS = "/{account}/datasets/{dataset}/runs";
const FIELDS = "/{account}/datasets/{dataset}/fields";
const SCHEDULES = "/{account}/datasets/{dataset}/schedules";

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
  /**
   * listDatasetFields: the columns of the Dataset's latest results, each with its name and type
   * (one page). The shape rests on thin evidence: both fields may be missing.
   */
  listFields(
    params: ListParams<"listDatasetFields">,
    options?: CallOptions,
  ): ModePromise<DatasetField[]>;
  /** Every column of a Dataset, page after page. */
  iterateFields(
    params: IterateParams<"listDatasetFields">,
    options?: IterateOptions,
  ): AsyncGenerator<DatasetField, void, undefined>;
  /** listDatasetSchedules: the schedules that run a Dataset (one page). */
  listSchedules(
    params: ListParams<"listDatasetSchedules">,
    options?: CallOptions,
  ): ModePromise<DatasetSchedule[]>;
  /** Every schedule of a Dataset, page after page. */
  iterateSchedules(
    params: IterateParams<"listDatasetSchedules">,
    options?: IterateOptions,
  ): AsyncGenerator<DatasetSchedule, void, undefined>;
  /** The descriptions written for a Dataset's columns: list, iterate, create, update, delete. */
  readonly fieldDescriptions: FieldDescriptionMethods;
  /**
   * A Dataset's rows, read as they arrive: `const rows = await mode.datasets.results({ account,
   * dataset, format: "csv" })`, then `rows.columns` and `for await (const row of rows)`. Reads
   * `run` when it succeeded, else the Dataset's latest successful run; a run that did not
   * succeed (or no successful run at all) throws `ModeRunNotSucceededError`. CSV values are
   * strings; JSON values are as Mode wrote them. A body that stalls, breaks off, or is not the
   * CSV or JSON it should be throws a `ModeApiError` while iterating, never ends quietly.
   */
  results<F extends ResultsFormat = "csv">(
    params: DatasetResultsParams<F>,
    options?: ResultsOptions,
  ): Promise<ModeRows<RowOf<F>>>;
  /**
   * The same run's result file as raw bytes, as they arrive (`body`, a ReadableStream), for
   * writing it to a file; errors are typed as for `results`.
   */
  download(params: DatasetResultsParams, options?: ResultsOptions): Promise<ModeResultsDownload>;
}

export function datasetMethods(client: ModeClient): DatasetMethods {
  return {
    get: (params, options) => callForObject(client, "get", DATASET, params, options),
    update: (params, changes, options) =>
      callForObject(client, "patch", DATASET, params, options, () => ({
        report: checkChanges(changes, "Dataset"),
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
    listFields: (params, options) => callForPage(client, FIELDS, params, options),
    iterateFields: (params, options) => iterate(client, FIELDS, params, options),
    listSchedules: (params, options) => callForPage(client, SCHEDULES, params, options),
    iterateSchedules: (params, options) => iterate(client, SCHEDULES, params, options),
    fieldDescriptions: fieldDescriptionMethods(client),
    results: async (params, options) => (await results()).datasetResults(client, params, options),
    download: async (params, options) => (await results()).datasetDownload(client, params, options),
  };
}
