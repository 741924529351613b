// Which run's rows to read: the one named, once it is known to have succeeded, or else the
// latest successful run the Dataset or report names. A run that did not succeed has no rows to
// read; saying so is better than an empty result that looks like a real one.
import type { ModeClient } from "../client/create-mode-client.js";
import { callForObject, type CallOptions } from "../datasets/call.js";
import { callForPage } from "../datasets/listings.js";
import { ModeRunNotSucceededError } from "../errors/run-errors.js";
import type { QueryRun, ReportRun } from "../schema-types.js";

const SUCCEEDED = new Set(["succeeded", "completed"]);
const ENDED_BADLY = new Set(["failed", "cancelled"]);

/**
 * The run of a Dataset to read: `run` once it has succeeded, or else the Dataset's latest
 * successful run (from the Dataset itself, one request).
 */
export async function datasetRun(
  client: ModeClient,
  params: { account: string; dataset: string; run?: string | undefined },
  options: CallOptions | undefined,
): Promise<string> {
  const { account, dataset, run } = params;
  if (run !== undefined) {
    const found = await callForObject(
      client,
      "get",
      "/{account}/datasets/{dataset}/runs/{run}",
      { account, dataset, run },
      options,
    );
    await mustHaveSucceeded(
      client,
      found,
      { account, report: dataset },
      `Dataset ${dataset}'s run ${run}`,
      options,
    );
    return run;
  }
  const { last_successful_run_token: latest } = await callForObject(
    client,
    "get",
    "/{account}/datasets/{dataset}",
    { account, dataset },
    options,
  );
  if (!latest) throw neverSucceeded(`Dataset ${dataset}`);
  return latest;
}

/** The run of a report to read, as `datasetRun` finds a Dataset's. */
export async function reportRun(
  client: ModeClient,
  params: { account: string; report: string; run?: string | undefined },
  options: CallOptions | undefined,
): Promise<string> {
  const { account, report, run } = params;
  if (run !== undefined) {
    const found = await callForObject(
      client,
      "get",
      "/{account}/reports/{report}/runs/{run}",
      { account, report, run },
      options,
    );
    await mustHaveSucceeded(
      client,
      found,
      { account, report },
      `report ${report}'s run ${run}`,
      options,
    );
    return run;
  }
  const { last_successful_run_token: latest } = await callForObject(
    client,
    "get",
    "/{account}/reports/{report}",
    { account, report },
    options,
  );
  if (!latest) throw neverSucceeded(`report ${report}`);
  return latest;
}

/** A query run whose rows are asked for must have succeeded. */
export async function queryRunMustHaveSucceeded(
  client: ModeClient,
  params: { account: string; report: string; run: string; query_run: string },
  options: CallOptions | undefined,
): Promise<void> {
  const queryRun = await callForObject(
    client,
    "get",
    "/{account}/reports/{report}/runs/{run}/query_runs/{query_run}",
    params,
    options,
  );
  if (SUCCEEDED.has(queryRun.state)) return;
  throw new ModeRunNotSucceededError({
    message: `Query run ${params.query_run} of run ${params.run} ${stateInWords(queryRun.state)}${reasonOf(queryRun)}: it has no rows to read`,
    run: undefined,
    polls: 1,
    state: queryRun.state,
    queryRun,
  });
}

/**
 * The query runs of a report run: a report of several queries has no one table of rows, so the
 * caller is sent to each query run's. Asked of a Dataset's run, this is its one query run.
 */
export async function queryRunsOf(
  client: ModeClient,
  params: { account: string; report: string; run: string },
  options: CallOptions | undefined,
): Promise<QueryRun[]> {
  return callForPage(client, "/{account}/reports/{report}/runs/{run}/query_runs", params, options);
}

async function mustHaveSucceeded(
  client: ModeClient,
  run: ReportRun,
  of: { account: string; report: string },
  what: string,
  options: CallOptions | undefined,
): Promise<void> {
  if (SUCCEEDED.has(run.state)) return;
  // A failed run says why on its query runs; one more request, on the way to an error only.
  let reason = "";
  if (ENDED_BADLY.has(run.state)) {
    const queryRuns = await queryRunsOf(client, { ...of, run: run.token }, options).catch(() => []);
    reason = queryRuns.map(reasonOf).find(Boolean) ?? "";
  }
  throw new ModeRunNotSucceededError({
    message: `${capitalised(what)} ${stateInWords(run.state)}${reason}: it has no rows to read${ENDED_BADLY.has(run.state) ? "" : "; wait for it with waitForRun first"}`,
    run,
    polls: 1,
    state: run.state,
  });
}

function neverSucceeded(what: string): ModeRunNotSucceededError {
  return new ModeRunNotSucceededError({
    message: `${capitalised(what)} has no successful run, so no rows to read; run it, and wait for the run with waitForRun`,
    run: undefined,
    polls: 1,
    state: undefined,
  });
}

const stateInWords = (state: string): string =>
  ENDED_BADLY.has(state) ? `ended ${state}` : `is still ${state}`;

const reasonOf = (queryRun: QueryRun): string =>
  queryRun.error_message ? ` (${queryRun.query_name ?? "a query"}: ${queryRun.error_message})` : "";

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
