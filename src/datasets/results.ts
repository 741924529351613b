// The rows of a run, for mode.datasets and mode.reports: which run, then its result file read as
// it arrives, as row objects (`results`) or as raw bytes (`download`). What every such call does
// lives in src/results/; this file says what each method reads.
import type { ModeClient } from "../client/create-mode-client.js";
import type { ModeApiError } from "../errors/errors.js";
import { type BodyContext, malformed } from "../results/body-errors.js";
import { type ContentTarget, openContent } from "../results/content.js";
import { download, type ModeResultsDownload } from "../results/download.js";
import {
  datasetRun,
  queryRunMustHaveSucceeded,
  queryRunsOf,
  reportRun,
} from "../results/find-run.js";
import { type ResultsOptions, resultsLimits } from "../results/options.js";
import {
  type CsvRow,
  type JsonRow,
  type ModeRows,
  type ResultsFormat,
  readRows,
} from "../results/rows.js";

/** The row type of a format: strings for CSV, JSON's own values for JSON. */
export type RowOf<F extends ResultsFormat> = F extends "json" ? JsonRow : CsvRow;

/** A Dataset's rows: `run` names one, else the latest successful run. `format` defaults to csv. */
export interface DatasetResultsParams<F extends ResultsFormat = ResultsFormat> {
  account: string;
  dataset: string;
  run?: string | undefined;
  format?: F | undefined;
}

/** A report's rows (a report of one query): `run` names one, else the latest successful run. */
export interface ReportResultsParams<F extends ResultsFormat = ResultsFormat> {
  account: string;
  report: string;
  run?: string | undefined;
  format?: F | undefined;
}

/** One query run's rows: the way to each query of a report with several. */
export interface QueryRunResultsParams<F extends ResultsFormat = ResultsFormat> {
  account: string;
  /** The report's token (a Dataset's token for a Dataset run). */
  report: string;
  run: string;
  query_run: string;
  format?: F | undefined;
}

const QUERY_RUN_WAY =
  "read each query's rows with mode.reports.queryRunResults({ account, report, run, query_run }) (GET /{account}/reports/{report}/runs/{run}/query_runs/{query_run}/results/content.csv or .json); mode.reports.listQueryRuns({ account, report, run }) lists them";

/** Rows of a Dataset: which run, then its file. */
export async function datasetResults<F extends ResultsFormat = "csv">(
  client: ModeClient,
  params: DatasetResultsParams<F>,
  options?: ResultsOptions,
): Promise<ModeRows<RowOf<F>>> {
  const format = formatOf(params.format);
  const limits = resultsLimits(options);
  const run = await datasetRun(client, params, options);
  return rowsOf(
    client,
    { account: params.account, report: params.dataset, run },
    format,
    limits,
    options,
  );
}

/** Rows of a report of one query; a report of several is refused with the way to each query's. */
export async function reportResults<F extends ResultsFormat = "csv">(
  client: ModeClient,
  params: ReportResultsParams<F>,
  options?: ResultsOptions,
): Promise<ModeRows<RowOf<F>>> {
  const format = formatOf(params.format);
  const limits = resultsLimits(options);
  const run = await reportRun(client, params, options);
  await oneQueryOnly(client, { account: params.account, report: params.report, run }, options);
  return rowsOf(
    client,
    { account: params.account, report: params.report, run },
    format,
    limits,
    options,
  );
}

/** Rows of one query run. */
export async function queryRunResults<F extends ResultsFormat = "csv">(
  client: ModeClient,
  params: QueryRunResultsParams<F>,
  options?: ResultsOptions,
): Promise<ModeRows<RowOf<F>>> {
  const format = formatOf(params.format);
  const limits = resultsLimits(options);
  const { account, report, run, query_run } = params;
  await queryRunMustHaveSucceeded(client, { account, report, run, query_run }, options);
  return rowsOf(client, { account, report, run, query_run }, format, limits, options);
}

/** A Dataset's result file as raw bytes. */
export async function datasetDownload(
  client: ModeClient,
  params: DatasetResultsParams,
  options?: ResultsOptions,
): Promise<ModeResultsDownload> {
  const format = formatOf(params.format);
  const limits = resultsLimits(options);
  const run = await datasetRun(client, params, options);
  const target = { account: params.account, report: params.dataset, run };
  return download(await openContent(client, target, format, options), run, format, limits);
}

/** A report's result file as raw bytes (a CSV may be a ZIP of one CSV per query). */
export async function reportDownload(
  client: ModeClient,
  params: ReportResultsParams,
  options?: ResultsOptions,
): Promise<ModeResultsDownload> {
  const format = formatOf(params.format);
  const limits = resultsLimits(options);
  const run = await reportRun(client, params, options);
  const target = { account: params.account, report: params.report, run };
  return download(await openContent(client, target, format, options), run, format, limits);
}

/** One query run's result file as raw bytes. */
export async function queryRunDownload(
  client: ModeClient,
  params: QueryRunResultsParams,
  options?: ResultsOptions,
): Promise<ModeResultsDownload> {
  const format = formatOf(params.format);
  const limits = resultsLimits(options);
  const { account, report, run, query_run } = params;
  await queryRunMustHaveSucceeded(client, { account, report, run, query_run }, options);
  const target = { account, report, run, query_run };
  return download(await openContent(client, target, format, options), query_run, format, limits);
}

async function rowsOf<Row>(
  client: ModeClient,
  target: ContentTarget,
  format: ResultsFormat,
  limits: ReturnType<typeof resultsLimits>,
  options: ResultsOptions | undefined,
): Promise<ModeRows<Row>> {
  const { bytes, context } = await openContent(client, target, format, options);
  const rows = await readRows(bytes, {
    format,
    limits,
    context,
    run: target.query_run ?? target.run,
    several: (names) => severalFiles(context, names),
  });
  return rows as unknown as ModeRows<Row>;
}

/**
 * A report-level file holds one query's rows: a CSV of several queries comes as a ZIP of
 * different tables, and a JSON holds the first query's rows only, with nothing saying so.
 */
async function oneQueryOnly(
  client: ModeClient,
  run: { account: string; report: string; run: string },
  options: ResultsOptions | undefined,
): Promise<void> {
  const queryRuns = await queryRunsOf(client, run, options);
  if (queryRuns.length <= 1) return;
  const listed = queryRuns
    .map((queryRun) => `${queryRun.token}${queryRun.query_name ? ` (${queryRun.query_name})` : ""}`)
    .join(", ");
  throw new RangeError(
    `Report ${run.report}'s run ${run.run} has ${queryRuns.length} queries, each with rows of its own (query runs ${listed}): ${QUERY_RUN_WAY}`,
  );
}

function severalFiles(context: BodyContext, names: string[]): ModeApiError {
  return malformed(
    context,
    `answered a ZIP of ${names.length}+ files (${names.map((name) => JSON.stringify(name)).join(", ")}), one CSV per query, where one CSV was expected: ${QUERY_RUN_WAY}`,
  );
}

function formatOf(format: unknown): ResultsFormat {
  if (format === undefined || format === "csv" || format === "json") return format ?? "csv";
  throw new RangeError(`format ${JSON.stringify(format)} is invalid; expected "csv" or "json"`);
}
