// A report or Dataset run as Mode sends it, its state read from Mode's clock: `enqueued` while it
// waits and runs, then `succeeded` or `failed`.
import { runEndedAt, runStateAt } from "../workspace/runs.js";
import type { RunRecord } from "../workspace/types.js";
import { api, iso, isoOrNull, web } from "./hal.js";

/** The latest run, the latest successful one, and how many there are, as of `now`. */
export function runSummary(runs: readonly RunRecord[], now: number) {
  let last: RunRecord | undefined;
  let lastSuccess: RunRecord | undefined;
  for (const run of runs) {
    if (run.createdAt > now) continue;
    if (!last || run.createdAt >= last.createdAt) last = run;
    const ended = runEndedAt(run, now);
    if (ended !== null && run.outcome === "succeeded") {
      if (!lastSuccess || ended >= (runEndedAt(lastSuccess, now) ?? 0)) lastSuccess = run;
    }
  }
  return { last, lastSuccess, count: runs.length };
}

export function runBody(
  account: string,
  run: RunRecord,
  siblings: readonly RunRecord[],
  now: number,
): Record<string, unknown> {
  const { state, since } = runStateAt(run, now);
  const ended = runEndedAt(run, now);
  const { last, lastSuccess } = runSummary(siblings, now);
  const failedSinceSuccess = siblings.some(
    (r) =>
      r.outcome === "failed" &&
      runEndedAt(r, now) !== null &&
      (!lastSuccess || r.createdAt > lastSuccess.createdAt),
  );
  const report = `/${account}/reports/${run.ownerToken}`;
  const self = `${report}/runs/${run.token}`;
  return {
    token: run.token,
    state,
    parameters: run.parameters,
    created_at: iso(run.createdAt),
    updated_at: iso(since),
    completed_at: isoOrNull(ended),
    purge_started_at: null,
    purge_completed_at: null,
    python_state: "none",
    form_fields: [],
    is_latest_report_run: last?.token === run.token,
    is_latest_successful_report_run: lastSuccess?.token === run.token,
    report_has_failures_since_last_success: failedSinceSuccess,
    pusher_channel_name: `report-run-${run.token}`,
    _links: {
      self: api(self),
      account: api(`/${account}`),
      report: api(report),
      query_runs: api(`${self}/query_runs`),
      executed_by: api(`/${run.executedBy}`),
      web_external_url: web(`/${account}/reports/${run.ownerToken}/runs/${run.token}`),
      ...(lastSuccess
        ? { latest_successful_report_run_api_url: api(`${report}/runs/${lastSuccess.token}`) }
        : {}),
    },
  };
}
