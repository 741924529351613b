// mode.reports: a report, the listings that hold reports, its queries, its runs and their
// query runs, and the two ways to start a run.
import type { ModeClient } from "../client/create-mode-client.js";
import type { Query, QueryRun, Report, ReportRun } from "../schema-types.js";
import {
  type CallOptions,
  callForNothing,
  callForObject,
  type IterateParams,
  type ListParams,
  type ModePromise,
  modePromise,
  type PathParams,
} from "./call.js";
import { callForPage, type IterateOptions, iterate } from "./listings.js";
import { checkChanges, type ReportChanges } from "./report-changes.js";
import type { ModeResultsDownload } from "../results/download.js";
import type { ResultsOptions } from "../results/options.js";
import type { ModeRows, ResultsFormat } from "../results/rows.js";
import type { QueryRunResultsParams, ReportResultsParams, RowOf } from "./results.js";
import { REPORT_RUN, type ReportParameters, type ReportRunTarget } from "./runs.js";

// Reading a run's rows (finding the run, the stream, the parsers) loads on first use: an app that
// never reads rows does not carry it.
const results = () => import("./results.js");

const REPORT = "/{account}/reports/{report}";
const RUNS = "/{account}/reports/{report}/runs";
const QUERIES = "/{account}/reports/{report}/queries";
const QUERY_RUNS = "/{account}/reports/{report}/runs/{run}/query_runs";
const FOR_SPACE = "/{account}/spaces/{space}/reports";
const FOR_COLLECTION = "/{account}/collections/{space}/reports";
const FOR_DATA_SOURCE = "/{account}/data_sources/{data_source}/reports";

export interface ReportRunMethods {
  /** getReportRun: one run of a report as it is now (poll it, or use `waitForRun`). */
  getRun(params: ReportRunTarget, options?: CallOptions): ModePromise<ReportRun>;
  /**
   * Runs a report's queries with the given parameter values (the others at their defaults; none
   * runs it with every default); returns the new (202 Accepted) run. Never retried
   * automatically: a replay starts another run.
   */
  runReport(
    params: PathParams<"refreshDatasetsInReport">,
    parameters?: ReportParameters,
    options?: CallOptions,
  ): ModePromise<ReportRun>;
}

export interface ReportMethods extends ReportRunMethods {
  /**
   * getReport: one report. Given a Dataset's token it answers with the Dataset (a report of
   * type `DatasetReport`).
   */
  get(params: PathParams<"getReport">, options?: CallOptions): ModePromise<Report>;
  /** updateReport: changes name, description and/or space_token (at least one); returns the report. */
  update(
    params: PathParams<"updateReport">,
    changes: ReportChanges,
    options?: CallOptions,
  ): ModePromise<Report>;
  /** deleteReport. Never retried automatically. */
  delete(params: PathParams<"deleteReport">, options?: CallOptions): ModePromise<void>;
  /** listReportsForSpace: the reports of one page of a Collection. */
  listForSpace(
    params: ListParams<"listReportsForSpace">,
    options?: CallOptions,
  ): ModePromise<Report[]>;
  /** Every report in a Collection, page after page. */
  iterateForSpace(
    params: IterateParams<"listReportsForSpace">,
    options?: IterateOptions,
  ): AsyncGenerator<Report, void, undefined>;
  /** listReportsForCollection: `listForSpace` at `/collections`, the path Mode's own links use. */
  listForCollection(
    params: ListParams<"listReportsForCollection">,
    options?: CallOptions,
  ): ModePromise<Report[]>;
  /** `iterateForSpace` at `/collections`. */
  iterateForCollection(
    params: IterateParams<"listReportsForCollection">,
    options?: IterateOptions,
  ): AsyncGenerator<Report, void, undefined>;
  /**
   * listReportsForDataSource: the reports of one page with a query on a data source. Mode may
   * list a report once per query; each report is returned once.
   */
  listForDataSource(
    params: ListParams<"listReportsForDataSource">,
    options?: CallOptions,
  ): ModePromise<Report[]>;
  /** Every report with a query on a data source, page after page, each report once. */
  iterateForDataSource(
    params: IterateParams<"listReportsForDataSource">,
    options?: IterateOptions,
  ): AsyncGenerator<Report, void, undefined>;
  /**
   * listQueriesForReport: a report's SQL queries, all at once. Given a Dataset's token it lists
   * the Dataset's one query, whose `raw_query` is its SQL.
   */
  listQueries(
    params: PathParams<"listQueriesForReport">,
    options?: CallOptions,
  ): ModePromise<Query[]>;
  /** The same queries one at a time, for symmetry with the other listings. */
  iterateQueries(
    params: PathParams<"listQueriesForReport">,
    options?: IterateOptions,
  ): AsyncGenerator<Query, void, undefined>;
  /** getQuery: one query of a report. */
  getQuery(params: PathParams<"getQuery">, options?: CallOptions): ModePromise<Query>;
  /**
   * listQueryRuns: the query runs of a report or Dataset run (a Dataset's token as the report),
   * all at once. A failed run says why here: its failed query run carries `error_message`.
   */
  listQueryRuns(
    params: PathParams<"listQueryRuns">,
    options?: CallOptions,
  ): ModePromise<QueryRun[]>;
  /** The same query runs one at a time, for symmetry with the other listings. */
  iterateQueryRuns(
    params: PathParams<"listQueryRuns">,
    options?: IterateOptions,
  ): AsyncGenerator<QueryRun, void, undefined>;
  /** getQueryRun: one query run, with its state and, when it failed, why. */
  getQueryRun(params: PathParams<"getQueryRun">, options?: CallOptions): ModePromise<QueryRun>;
  /**
   * A report's rows, read as they arrive, as `mode.datasets.results` reads a Dataset's: `run`
   * when it succeeded, else the report's latest successful run. A report of several queries
   * has a table per query: it is refused (RangeError) with the way to `queryRunResults`.
   */
  results<F extends ResultsFormat = "csv">(
    params: ReportResultsParams<F>,
    options?: ResultsOptions,
  ): Promise<ModeRows<RowOf<F>>>;
  /** One query run's rows, read as they arrive; a query run that did not succeed throws. */
  queryRunResults<F extends ResultsFormat = "csv">(
    params: QueryRunResultsParams<F>,
    options?: ResultsOptions,
  ): Promise<ModeRows<RowOf<F>>>;
  /** A report run's result file as raw bytes (a CSV may be a ZIP of one CSV per query). */
  download(params: ReportResultsParams, options?: ResultsOptions): Promise<ModeResultsDownload>;
  /** One query run's result file as raw bytes. */
  downloadQueryRun(
    params: QueryRunResultsParams,
    options?: ResultsOptions,
  ): Promise<ModeResultsDownload>;
  /** listReportRuns: the items of one page. */
  listRuns(params: ListParams<"listReportRuns">, options?: CallOptions): ModePromise<ReportRun[]>;
  /** Every run of a report, page after page. */
  iterateRuns(
    params: IterateParams<"listReportRuns">,
    options?: IterateOptions,
  ): AsyncGenerator<ReportRun, void, undefined>;
  /**
   * refreshDatasetsInReport: pulls the latest run of each Dataset into the report; returns the
   * new (202 Accepted) Report Run. Never retried automatically: a replay starts another run.
   */
  refreshDatasets(
    params: PathParams<"refreshDatasetsInReport">,
    datasetTokens: readonly string[],
    options?: CallOptions,
  ): ModePromise<ReportRun>;
}

export function reportMethods(client: ModeClient): ReportMethods {
  return {
    get: (params, options) => callForObject(client, "get", REPORT, params, options),
    update: (params, changes, options) =>
      callForObject(client, "patch", REPORT, params, options, () => ({
        report: checkChanges(changes, "Report"),
      })),
    delete: (params, options) => callForNothing(client, REPORT, params, options),
    listForSpace: (params, options) => callForPage(client, FOR_SPACE, params, options),
    iterateForSpace: (params, options) => iterate(client, FOR_SPACE, params, options),
    listForCollection: (params, options) => callForPage(client, FOR_COLLECTION, params, options),
    iterateForCollection: (params, options) => iterate(client, FOR_COLLECTION, params, options),
    listForDataSource: (params, options) =>
      modePromise(async () => {
        const { data, response } = await callForPage(
          client,
          FOR_DATA_SOURCE,
          params,
          options,
        ).withResponse();
        return { data: onceEach(data, new Set()), response };
      }),
    iterateForDataSource: (params, options) =>
      iterateOnceEach(iterate(client, FOR_DATA_SOURCE, params, options)),
    listQueries: (params, options) => callForPage(client, QUERIES, params, options),
    iterateQueries: (params, options) => iterate(client, QUERIES, params, options),
    getQuery: (params, options) =>
      callForObject(client, "get", "/{account}/reports/{report}/queries/{query}", params, options),
    listQueryRuns: (params, options) => callForPage(client, QUERY_RUNS, params, options),
    iterateQueryRuns: (params, options) => iterate(client, QUERY_RUNS, params, options),
    results: async (params, options) => (await results()).reportResults(client, params, options),
    queryRunResults: async (params, options) =>
      (await results()).queryRunResults(client, params, options),
    download: async (params, options) => (await results()).reportDownload(client, params, options),
    downloadQueryRun: async (params, options) =>
      (await results()).queryRunDownload(client, params, options),
    getQueryRun: (params, options) =>
      callForObject(
        client,
        "get",
        "/{account}/reports/{report}/runs/{run}/query_runs/{query_run}",
        params,
        options,
      ),
    getRun: (params, options) => callForObject(client, "get", REPORT_RUN, params, options),
    // `{}` runs the report with every default, as no body would.
    runReport: (params, parameters, options) =>
      callForObject(client, "post", RUNS, params, options, () =>
        parameters === undefined ? {} : { parameters: checkParameters(parameters) },
      ),
    listRuns: (params, options) => callForPage(client, RUNS, params, options),
    iterateRuns: (params, options) => iterate(client, RUNS, params, options),
    refreshDatasets: (params, datasetTokens, options) =>
      callForObject(client, "post", RUNS, params, options, () => ({
        report: { dataset_tokens: checkTokens(datasetTokens).map((token) => ({ token })) },
      })),
  };
}

// A data source lists a report once per query it has there: the first of each token is kept.
function onceEach(reports: Report[], seen: Set<string>): Report[] {
  return reports.filter((report) => !seen.has(report.token) && Boolean(seen.add(report.token)));
}

async function* iterateOnceEach(
  reports: AsyncGenerator<Report, void, undefined>,
): AsyncGenerator<Report, void, undefined> {
  const seen = new Set<string>();
  for await (const report of reports) if (onceEach([report], seen).length > 0) yield report;
}

// The spec's body is strict (a parameter value is a string, number or boolean, or a list of
// them); failing here names the bad parameter instead of surfacing Mode's (or Prism's) 400.
function checkParameters(parameters: unknown): ReportParameters {
  if (parameters === null || typeof parameters !== "object" || Array.isArray(parameters)) {
    throw new TypeError(
      `Report parameters ${Array.isArray(parameters) ? "[array]" : String(parameters)} are not an object; expected { name: value, ... }`,
    );
  }
  const scalar = (value: unknown): boolean =>
    typeof value === "string" ||
    typeof value === "boolean" ||
    (typeof value === "number" && Number.isFinite(value));
  for (const [name, value] of Object.entries(parameters)) {
    if (!scalar(value) && !(Array.isArray(value) && value.every(scalar))) {
      throw new TypeError(
        `Report parameter ${JSON.stringify(name)} is invalid; expected a string, a finite number, a boolean, or a list of them`,
      );
    }
  }
  return parameters as ReportParameters;
}

function checkTokens(tokens: unknown): readonly string[] {
  if (!Array.isArray(tokens))
    throw new TypeError(
      `datasetTokens ${String(tokens)} is not an array; expected an array of Dataset tokens`,
    );
  if (tokens.length === 0)
    throw new RangeError("datasetTokens is empty; expected at least one Dataset token");
  for (const token of tokens) {
    if (typeof token !== "string" || token === "") {
      throw new TypeError(
        `Dataset token ${JSON.stringify(token)} is invalid; expected a non-empty string`,
      );
    }
  }
  return tokens;
}
