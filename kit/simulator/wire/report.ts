// A Dataset (complete, or as a listing item) and a report as Mode sends them. A Dataset is a
// report of type `DatasetReport`: its `self` link points under `/reports/`.
import type { DatasetRecord, ReportRecord, RunRecord, SpaceRecord } from "../workspace/types.js";
import { api, iso, isoOrNull, web } from "./hal.js";
import { runSummary } from "./run.js";

export interface AccountFacts {
  account: string;
  accountId: number;
  workspaceToken: string;
}

function runFields(runs: readonly RunRecord[], now: number) {
  const { last, lastSuccess, count } = runSummary(runs, now);
  const successEnded = lastSuccess
    ? lastSuccess.createdAt + lastSuccess.queuedMs + lastSuccess.runningMs
    : null;
  return {
    last,
    lastSuccess,
    fields: {
      last_successfully_run_at: isoOrNull(successEnded),
      last_run_at: isoOrNull(last?.createdAt),
      last_successful_run_token: lastSuccess?.token ?? null,
      runs_count: count,
    },
  };
}

/** A Dataset as listings show it: identifying fields, run facts and a few links. */
export function datasetListItem(
  facts: AccountFacts,
  dataset: DatasetRecord,
  space: SpaceRecord | undefined,
  runs: readonly RunRecord[],
  now: number,
): Record<string, unknown> {
  const { account, accountId } = facts;
  const { last, fields } = runFields(runs, now);
  const report = `/${account}/reports/${dataset.token}`;
  return {
    token: dataset.token,
    id: dataset.id,
    name: dataset.name,
    description: dataset.description,
    created_at: iso(dataset.createdAt),
    updated_at: iso(dataset.updatedAt),
    published_at: isoOrNull(dataset.publishedAt),
    edited_at: iso(dataset.editedAt),
    type: "DatasetReport",
    last_successful_sync_at: null,
    last_saved_at: iso(dataset.editedAt),
    space_token: dataset.spaceToken,
    account_id: accountId,
    account_username: account,
    public: false,
    manual_run_disabled: false,
    run_privately: false,
    drilldowns_enabled: true,
    ...fields,
    query_count: 1,
    max_query_count: 1,
    schedules_count: 0,
    query_preview: dataset.query,
    view_count: dataset.viewCount,
    collection_token: dataset.spaceToken,
    collection_name: space?.name ?? null,
    is_sample: false,
    _links: {
      self: api(report),
      web: web(`/${account}/datasets/${dataset.token}`),
      space: api(`/${account}/collections/${dataset.spaceToken}`),
      ...(last ? { last_run: api(`${report}/runs/${last.token}`) } : {}),
      report_runs: api(`${report}/runs`),
    },
  };
}

/** A complete Dataset, as `getDataset` and `updateDataset` answer. */
export function datasetBody(
  facts: AccountFacts,
  dataset: DatasetRecord,
  runs: readonly RunRecord[],
  now: number,
): Record<string, unknown> {
  const { account, accountId } = facts;
  const { last, lastSuccess, fields } = runFields(runs, now);
  const report = `/${account}/reports/${dataset.token}`;
  return {
    token: dataset.token,
    id: dataset.id,
    name: dataset.name,
    description: dataset.description,
    created_at: iso(dataset.createdAt),
    updated_at: iso(dataset.updatedAt),
    published_at: isoOrNull(dataset.publishedAt),
    edited_at: iso(dataset.editedAt),
    theme_id: null,
    color_mappings: {},
    type: "DatasetReport",
    last_successful_sync_at: null,
    last_saved_at: iso(dataset.editedAt),
    archived: false,
    space_token: dataset.spaceToken,
    account_id: accountId,
    account_username: account,
    public: false,
    full_width: false,
    manual_run_disabled: false,
    drill_anywhere_enabled: true,
    run_privately: false,
    drilldowns_enabled: true,
    layout: null,
    is_embedded: false,
    is_signed: false,
    imported_datasets: [],
    shared: true,
    expected_runtime: dataset.expectedRuntime,
    ...fields,
    web_preview_image: null,
    github_link: null,
    query_count: 1,
    max_query_count: 1,
    chart_count: 0,
    schedules_count: 0,
    query_preview: dataset.query,
    view_count: dataset.viewCount,
    _links: {
      self: api(report),
      web: web(`/${account}/datasets/${dataset.token}`),
      account: api(`/${account}`),
      creator: api(`/${dataset.creator}`),
      dataset_dependencies: api(`/${account}/datasets/${dataset.token}/reports`),
      ...(last ? { last_run: api(`${report}/runs/${last.token}`) } : {}),
      ...(lastSuccess ? { last_successful_run: api(`${report}/runs/${lastSuccess.token}`) } : {}),
      queries: api(`${report}/queries`),
      report_run: { href: `/api${report}/runs/{id}{?embed[result]}`, templated: true },
      report_runs: api(`${report}/runs`),
      space: api(`/${account}/collections/${dataset.spaceToken}`),
      web_edit: web(`/editor/${account}/datasets/${dataset.token}`),
    },
  };
}

/** A report, as `getReport` answers and every report listing lists it. */
export function reportBody(
  facts: AccountFacts,
  report: ReportRecord,
  runs: readonly RunRecord[],
  now: number,
): Record<string, unknown> {
  const { account, accountId } = facts;
  const { last, lastSuccess, fields } = runFields(runs, now);
  const at = `/${account}/reports/${report.token}`;
  return {
    token: report.token,
    id: report.id,
    name: report.name,
    description: report.description,
    type: "Report",
    created_at: iso(report.createdAt),
    updated_at: iso(report.updatedAt),
    published_at: isoOrNull(report.publishedAt),
    edited_at: iso(report.editedAt),
    last_saved_at: iso(report.editedAt),
    ...fields,
    space_token: report.spaceToken,
    account_id: accountId,
    account_username: account,
    archived: false,
    public: false,
    shared: true,
    manual_run_disabled: false,
    run_privately: false,
    drilldowns_enabled: true,
    imported_datasets: report.imports.map((token) => ({ token })),
    query_count: report.queryCount,
    chart_count: report.chartCount,
    view_count: report.viewCount,
    _links: {
      self: api(at),
      web: web(`/${account}/reports/${report.token}`),
      account: api(`/${account}`),
      creator: api(`/${report.creator}`),
      space: api(`/${account}/collections/${report.spaceToken}`),
      queries: api(`${at}/queries`),
      report_runs: api(`${at}/runs`),
      report_run: { href: `/api${at}/runs/{id}{?embed[result]}`, templated: true },
      ...(last ? { last_run: api(`${at}/runs/${last.token}`) } : {}),
      ...(lastSuccess ? { last_successful_run: api(`${at}/runs/${lastSuccess.token}`) } : {}),
    },
  };
}
