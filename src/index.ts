export { createModeClient, type ModeClient } from "./client/create-mode-client.js";
export { DEFAULTS, type ModeClientOptions } from "./client/options.js";
export type { ModeCredentials, ModeCredentialsProvider } from "./client/auth.js";
export type { RetryEvent, RetryOptions } from "./resilience/retry.js";
export type {
  RateLimiter,
  RateLimitOptions,
  RateLimitRelease,
} from "./resilience/rate-limiter.js";
export type { Logger } from "./client/logger.js";
export {
  createModeDatasets,
  type ModeDatasets,
  type ModeDatasetsOptions,
} from "./datasets/mode-datasets.js";
export type { CallOptions, ModePromise } from "./datasets/call.js";
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
  ModeRunTimeoutError,
  type ModeRunErrorInit,
  type ModeRunErrorKind,
} from "./errors/run-errors.js";
export {
  createdAfter,
  createdBefore,
  filterBy,
  orderBy,
  updatedAfter,
  updatedBefore,
  type DateInput,
  type FilterField,
  type FilterOperator,
  type ModeFilter,
  type OrderDirection,
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
  Dataset,
  DatasetCollection,
  DatasetListItem,
  DataSource,
  DataSourceCollection,
  ModeError,
  operations,
  Pagination,
  paths,
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
  Verification,
} from "./schema-types.js";
