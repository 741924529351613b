import type { components } from "../generated/schema.js";

export type { components, operations, paths } from "../generated/schema.js";

type Schemas = components["schemas"];

/** A complete Dataset, as `getDataset` and `updateDataset` return it. */
export type Dataset = Schemas["Dataset"];
/** A Dataset as listings return it: only the identifying fields are guaranteed. */
export type DatasetListItem = Schemas["DatasetListItem"];
/** A page of Datasets; the items are under `_embedded.reports`. */
export type DatasetCollection = Schemas["DatasetCollection"];
/** A report that imports a Dataset. */
export type Report = Schemas["Report"];
/** A page of Reports; the items are under `_embedded.reports`. */
export type ReportCollection = Schemas["ReportCollection"];
/** One run of a report. */
export type ReportRun = Schemas["ReportRun"];
/** A page of Report Runs; the items are under `_embedded.report_runs`. */
export type ReportRunCollection = Schemas["ReportRunCollection"];
/** Mode's error body, `{ id, message }`. */
export type ModeError = Schemas["ModeError"];
/** The body of `updateDataset`. */
export type UpdateDatasetRequest = Schemas["UpdateDatasetRequest"];
/** The body of `refreshDatasetsInReport`. */
export type RefreshDatasetsRequest = Schemas["RefreshDatasetsRequest"];
/** The optional `pagination` block of a listing. */
export type Pagination = Schemas["Pagination"];
/** The body of a report run with parameter values (the other shape of the runs POST). */
export type RunReportRequest = Schemas["RunReportRequest"];
/** Either body of `POST /{account}/reports/{report}/runs`: a refresh or a run with parameters. */
export type ReportRunRequest = Schemas["ReportRunRequest"];
/** A Collection, which the API calls a space. */
export type Space = Schemas["Space"];
/** The Collections of a workspace; the items are under `_embedded.spaces`. */
export type SpaceCollection = Schemas["SpaceCollection"];
/** A data source: a database connection that queries and Datasets run against. */
export type DataSource = Schemas["DataSource"];
/** The data sources of a workspace; the items are under `_embedded.data_sources`. */
export type DataSourceCollection = Schemas["DataSourceCollection"];
/** What `GET /verify` answers when the credentials work. */
export type Verification = Schemas["Verification"];
/** A column of a Dataset's latest results: its name and type (both may be missing). */
export type DatasetField = Schemas["DatasetField"];
/** The columns of a Dataset; the items are under `_embedded.fields`. */
export type DatasetFieldCollection = Schemas["DatasetFieldCollection"];
/** A description written for one column of a Dataset. */
export type FieldDescription = Schemas["FieldDescription"];
/** A page of a Dataset's column descriptions; the items are under `_embedded.field_descriptions`. */
export type FieldDescriptionCollection = Schemas["FieldDescriptionCollection"];
/** The body of `createFieldDescription`, either shape. */
export type CreateFieldDescriptionRequest = Schemas["CreateFieldDescriptionRequest"];
/** The body of `updateFieldDescription`, either shape. */
export type UpdateFieldDescriptionRequest = Schemas["UpdateFieldDescriptionRequest"];
/** A schedule that runs a Dataset (on the wire, a report schedule). */
export type DatasetSchedule = Schemas["DatasetSchedule"];
/** The schedules of a Dataset; the items are under `_embedded.report_schedules`. */
export type DatasetScheduleCollection = Schemas["DatasetScheduleCollection"];
/** The body of `updateReport`. */
export type UpdateReportRequest = Schemas["UpdateReportRequest"];
/** One SQL query of a report (a Dataset has one). */
export type Query = Schemas["Query"];
/** The queries of a report; the items are under `_embedded.queries`. */
export type QueryCollection = Schemas["QueryCollection"];
/** One query's part of a run: its state and, when it failed, why. */
export type QueryRun = Schemas["QueryRun"];
/** The query runs of a run; the items are under `_embedded.query_runs`. */
export type QueryRunCollection = Schemas["QueryRunCollection"];
