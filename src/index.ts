export { createModeClient, type ModeClient } from "./client/create-mode-client.js";
export type { ModePaths } from "./client/typed-paths.js";
export { DEFAULTS, type ModeClientOptions } from "./client/options.js";
export type { ModeCredentials, ModeCredentialsProvider } from "./client/auth.js";
export type { RetryEvent, RetryOptions } from "./resilience/retry.js";
export type {
  RateLimiter,
  RateLimitOptions,
  RateLimitRelease,
} from "./resilience/rate-limiter.js";
export type { Logger, LogLevel } from "./client/logger.js";
export {
  createModeDatasets,
  type ModeDatasets,
  type ModeDatasetsOptions,
} from "./datasets/mode-datasets.js";
export type { CallOptions, ModePromise } from "./datasets/call.js";
export { toArray, type ToArrayOptions } from "./datasets/to-array.js";
export {
  paginate,
  type IterateOptions,
  type ListingItem,
  type ListingPath,
  type PaginateInit,
  type PaginateOptions,
} from "./datasets/listings.js";
export type { DatasetRunTarget, ReportParameters, ReportRunTarget } from "./datasets/runs.js";
export type { DatasetMethods, DatasetRunMethods } from "./datasets/datasets.js";
export type { FieldDescriptionMethods } from "./datasets/field-descriptions.js";
export type { ReportChanges } from "./datasets/report-changes.js";
export type {
  DatasetResultsParams,
  QueryRunResultsParams,
  ReportResultsParams,
  RowOf,
} from "./datasets/results.js";
export type { ModeResultsDownload } from "./results/download.js";
export { RESULTS_DEFAULTS, type ResultsOptions } from "./results/options.js";
export type { CsvRow, JsonRow, ModeRows, ResultsFormat } from "./results/rows.js";
export type { ReportMethods, ReportRunMethods } from "./datasets/reports.js";
export type { SpaceMethods } from "./datasets/spaces.js";
export type { DataSourceMethods } from "./datasets/data-sources.js";
export type { RunTarget, WaitForRunOptions } from "./datasets/wait-for-run.js";
export type {
  AllDatasetsOptions,
  AllDatasetsParams,
  WorkspaceDataset,
} from "./datasets/all-datasets.js";
export {
  ModeRunError,
  ModeRunFailedError,
  ModeRunNotSucceededError,
  ModeRunTimeoutError,
  type ModeRunErrorInit,
  type ModeRunErrorKind,
} from "./errors/run-errors.js";
export {
  createdAfter,
  createdBefore,
  filterBy,
  orderBy,
  uncheckedFilter,
  updatedAfter,
  updatedBefore,
  type DateInput,
  type FilterField,
  type FilterOperator,
  type FilterParam,
  type ModeFilter,
  type OrderDirection,
  type UncheckedFilter,
} from "./filters.js";
export {
  ModeApiError,
  ModeBadRequestError,
  ModeConnectionError,
  ModeForbiddenError,
  ModeInvalidResponseError,
  ModeMaxPagesError,
  ModeNotFoundError,
  ModeRateLimitError,
  ModeResponseTooLargeError,
  ModeServerError,
  ModeTimeoutError,
  ModeUnauthorizedError,
  ModeUnprocessableEntityError,
  type ModeApiErrorInit,
  type ModeErrorKind,
} from "./errors/errors.js";
export { errorFromResponse, type ErrorResponseInput } from "./errors/from-response.js";
export type {
  components,
  CreateFieldDescriptionRequest,
  Dataset,
  DatasetCollection,
  DatasetField,
  DatasetFieldCollection,
  DatasetListItem,
  DatasetSchedule,
  DatasetScheduleCollection,
  DataSource,
  DataSourceCollection,
  FieldDescription,
  FieldDescriptionCollection,
  ModeError,
  operations,
  Pagination,
  paths,
  Query,
  QueryCollection,
  QueryRun,
  QueryRunCollection,
  RefreshDatasetsRequest,
  Report,
  ReportCollection,
  ReportRun,
  ReportRunCollection,
  ReportRunRequest,
  RunReportRequest,
  Space,
  SpaceCollection,
  UpdateDatasetRequest,
  UpdateFieldDescriptionRequest,
  UpdateReportRequest,
  Verification,
} from "./schema-types.js";
