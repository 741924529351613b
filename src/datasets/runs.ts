// The runs of reports and Datasets: start one, read one, list them. On the wire a Dataset run
// is a report run (same fields, same `_embedded.report_runs`), so both are `ReportRun`s.
import type { ModeClient } from "../client/create-mode-client.js";
import type { ReportRun, RunReportRequest } from "../schema-types.js";
import { paginate } from "./listings.js";
import {
  type CallOptions,
  type IterateOptions,
  type IterateParams,
  type ListParams,
  type PathParams,
  pageItems,
  unwrap,
} from "./mode-datasets.js";

/** Values for a report's parameters, by the names its parameter form uses. */
export type ReportParameters = NonNullable<RunReportRequest["parameters"]>;

/** One run of a report: `{ account, report, run }`. */
export type ReportRunTarget = PathParams<"getReportRun">;
/** One run of a Dataset: `{ account, dataset, run }`. */
export type DatasetRunTarget = PathParams<"getDatasetRun">;

export interface ReportRunMethods {
  /** getReportRun: one run of a report as it is now (poll it, or use `waitForRun`). */
  getRun(params: ReportRunTarget, options?: CallOptions): Promise<ReportRun>;
  /**
   * Runs a report's queries with the given parameter values (the others at their defaults; none
   * runs it with every default); returns the new (202 Accepted) run. Never retried
   * automatically: a replay starts another run.
   */
  runReport(
    params: PathParams<"refreshDatasetsInReport">,
    parameters?: ReportParameters,
    options?: CallOptions,
  ): Promise<ReportRun>;
}

export interface DatasetRunMethods {
  /**
   * runDataset: runs the Dataset's query again against its data source, the only way to make
   * its data fresh; returns the new (202 Accepted) run. Never retried automatically: a replay
   * runs the query again.
   */
  run(params: PathParams<"runDataset">, options?: CallOptions): Promise<ReportRun>;
  /** getDatasetRun: one run of a Dataset as it is now (poll it, or use `waitForRun`). */
  getRun(params: DatasetRunTarget, options?: CallOptions): Promise<ReportRun>;
  /** listDatasetRuns: the items of one page. */
  listRuns(params: ListParams<"listDatasetRuns">, options?: CallOptions): Promise<ReportRun[]>;
  /** Every run of a Dataset, page after page. */
  iterateRuns(
    params: IterateParams<"listDatasetRuns">,
    options?: IterateOptions,
  ): AsyncGenerator<ReportRun, void, undefined>;
}

export function reportRunMethods(client: ModeClient): ReportRunMethods {
  return {
    async getRun(params, options) {
      return (await fetchRun(client, params, options?.signal)).run;
    },
    async runReport({ account, report }, parameters, options) {
      if (parameters !== undefined) checkParameters(parameters);
      const path = "/{account}/reports/{report}/runs";
      const result = await client.POST(path, {
        params: { path: { account, report } },
        // `{}` runs the report with every default, as no body would.
        body: parameters === undefined ? {} : { parameters },
        ...(options?.signal ? { signal: options.signal } : {}),
      });
      return unwrap(result, "POST", path);
    },
  };
}

export function datasetRunMethods(client: ModeClient): DatasetRunMethods {
  return {
    async run({ account, dataset }, options) {
      const path = "/{account}/datasets/{dataset}/runs";
      const result = await client.POST(path, {
        params: { path: { account, dataset } },
        ...(options?.signal ? { signal: options.signal } : {}),
      });
      return unwrap(result, "POST", path);
    },
    async getRun(params, options) {
      return (await fetchRun(client, params, options?.signal)).run;
    },
    listRuns({ account, dataset, ...query }, options) {
      return pageItems(
        client,
        "/{account}/datasets/{dataset}/runs",
        { path: { account, dataset }, query },
        options,
      );
    },
    iterateRuns({ account, dataset, ...query }, options) {
      const init = {
        params: { path: { account, dataset }, query },
        ...(options?.signal ? { signal: options.signal } : {}),
      };
      return paginate(client, "/{account}/datasets/{dataset}/runs", init, options);
    },
  };
}

/**
 * One run, of a report or of a Dataset (the target's keys say which), with the response it came
 * in: `waitForRun` builds its errors from the facts the client recorded about that response.
 */
export async function fetchRun(
  client: ModeClient,
  target: ReportRunTarget | DatasetRunTarget,
  signal?: AbortSignal,
): Promise<{ run: ReportRun; response: Response }> {
  const init = signal ? { signal } : {};
  if ("report" in target) {
    const { account, report, run } = target;
    const path = "/{account}/reports/{report}/runs/{run}";
    const result = await client.GET(path, { params: { path: { account, report, run } }, ...init });
    return { run: unwrap(result, "GET", path), response: result.response };
  }
  const { account, dataset, run } = target;
  const path = "/{account}/datasets/{dataset}/runs/{run}";
  const result = await client.GET(path, { params: { path: { account, dataset, run } }, ...init });
  return { run: unwrap(result, "GET", path), response: result.response };
}

// The spec's body is strict (a parameter value is a string, number or boolean, or a list of
// them); failing here names the bad parameter instead of surfacing Mode's (or Prism's) 400.
function checkParameters(parameters: unknown): void {
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
}
