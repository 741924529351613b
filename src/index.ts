export { createModeClient, type ModeClient } from "./client/create-mode-client.js";
export { DEFAULTS, type ModeClientOptions } from "./client/options.js";
export type { ModeCredentials, ModeCredentialsProvider } from "./client/auth.js";
export type { RetryEvent, RetryOptions } from "./resilience/retry.js";
export type { RateLimitOptions } from "./resilience/rate-limiter.js";
export {
  createModeDatasets,
  type CallOptions,
  type IterateOptions,
  type ModeDatasets,
  type ModeDatasetsOptions,
} from "./datasets/mode-datasets.js";
export {
  paginate,
  type ListingItem,
  type ListingPath,
  type PaginateInit,
  type PaginateOptions,
} from "./datasets/listings.js";
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
  errorFromResponse,
  type ErrorResponseInput,
  type ModeApiErrorInit,
  type ModeErrorKind,
} from "./errors/errors.js";
export type {
  components,
  Dataset,
  DatasetCollection,
  DatasetListItem,
  ModeError,
  operations,
  Pagination,
  paths,
  RefreshDatasetsRequest,
  Report,
  ReportCollection,
  ReportRun,
  ReportRunCollection,
  UpdateDatasetRequest,
} from "./schema-types.js";
