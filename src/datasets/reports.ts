// mode.reports: a report's runs, and the two ways to start one.
import type { ModeClient } from "../client/create-mode-client.js";
import type { ReportRun } from "../schema-types.js";
import {
  type CallOptions,
  callForObject,
  type IterateParams,
  type ListParams,
  type ModePromise,
  type PathParams,
} from "./call.js";
import { callForPage, type IterateOptions, iterate } from "./listings.js";
import { REPORT_RUN, type ReportParameters, type ReportRunTarget } from "./runs.js";

const RUNS = "/{account}/reports/{report}/runs";

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
