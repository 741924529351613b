// A report's (or Dataset's) query and a run's query runs as Mode sends them. A query run's state
// follows its run's; a failed Dataset run's one query run carries the warehouse's reason, which
// the run itself does not.
import { runEndedAt, runStateAt } from "../workspace/runs.js";
import type { DataSourceRecord, QueryRecord, QueryRunRecord } from "../workspace/types.js";
import { api, iso, isoOrNull, web } from "./hal.js";

export function queryBody(
  account: string,
  query: QueryRecord,
  source: DataSourceRecord | undefined,
): Record<string, unknown> {
  const report = `/${account}/reports/${query.ownerToken}`;
  return {
    id: query.id,
    token: query.token,
    name: query.name,
    raw_query: query.rawQuery,
    created_at: iso(query.createdAt),
    updated_at: iso(query.updatedAt),
    data_source_id: source?.id ?? null,
    explorations_count: 0,
    report_imports_count: 0,
    dbt_metric_id: null,
    _links: {
      self: api(`${report}/queries/${query.token}`),
      report: api(report),
      report_runs: api(`${report}/runs`),
      query_runs: api(`${report}/queries/${query.token}/runs`),
    },
  };
}

/** The code and message a failed query run carries. */
const FAILURE_CODE = "SqlUnknownObject";

export function queryRunBody(
  account: string,
  queryRun: QueryRunRecord,
  source: DataSourceRecord | undefined,
  error: string | null,
  now: number,
): Record<string, unknown> {
  const { run, query } = queryRun;
  const { state } = runStateAt(run, now);
  const failed = state === "failed";
  const at = `/${account}/reports/${run.ownerToken}/runs/${run.token}`;
  const self = `${at}/query_runs/${queryRun.token}`;
  return {
    id: queryRun.id,
    token: queryRun.token,
    state,
    created_at: iso(run.createdAt),
    completed_at: isoOrNull(runEndedAt(run, now)),
    query_token: query.token,
    query_name: query.name,
    query_created_at: iso(query.createdAt),
    data_source_id: source?.id ?? null,
    data_source_token: query.dataSourceToken,
    raw_source: query.rawQuery,
    rendered_source: query.rawQuery,
    statement_annotation: null,
    parameters: run.parameters,
    limit: false,
    max_result_bytes: 10_737_418_240,
    dbt_metric_id: null,
    ...(failed
      ? {
          error_code: FAILURE_CODE,
          error_type: "Mode::Errors::SqlError",
          error_message: error ?? "The query failed.",
        }
      : {}),
    _links: {
      self: api(self),
      query: api(`/${account}/reports/${run.ownerToken}/queries/${query.token}`),
      report_run: api(at),
      result: api(`${self}/results`),
      executed_by: api(`/${run.executedBy}`),
      query_web: web(`/${account}/reports/${run.ownerToken}/queries/${query.token}`),
    },
  };
}
