// A run of a report or of a Dataset, read by its token. On the wire a Dataset run is a report
// run (same fields, same `_embedded.report_runs`), so both are `ReportRun`s.
import type { ModeClient } from "../client/create-mode-client.js";
import type { CallRecord } from "../client/transport.js";
import type { ReportRun, RunReportRequest } from "../schema-types.js";
import { type CallOptions, objectOf, type PathParams, prepare, send } from "./call.js";

/** Values for a report's parameters, by the names its parameter form uses. */
export type ReportParameters = NonNullable<RunReportRequest["parameters"]>;

/** One run of a report: `{ account, report, run }`. */
export type ReportRunTarget = PathParams<"getReportRun">;
/** One run of a Dataset: `{ account, dataset, run }`. */
export type DatasetRunTarget = PathParams<"getDatasetRun">;

export const REPORT_RUN = "/{account}/reports/{report}/runs/{run}" as const;
export const DATASET_RUN = "/{account}/datasets/{dataset}/runs/{run}" as const;

/**
 * One run, of a report or of a Dataset (the target's keys say which), with the Response it came
 * in and the credentials its request carried, from which `waitForRun` redacts what it keeps.
 */
export async function fetchRun(
  client: ModeClient,
  target: ReportRunTarget | DatasetRunTarget,
  options?: CallOptions,
): Promise<{ run: ReportRun; response: Response; record: CallRecord }> {
  const path = "report" in target ? REPORT_RUN : DATASET_RUN;
  const prepared = prepare(client, options);
  const result = await send(client, "GET", path, { path: { ...target } }, prepared);
  const run = objectOf<ReportRun>(result, "GET", path, prepared.record);
  return { run, response: result.response, record: prepared.record };
}
