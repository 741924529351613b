export { createModeClient, type ModeClient } from "./create-mode-client.js";
export type { ModeClientOptions } from "./options.js";
export type { ModeCredentials, ModeCredentialsProvider } from "./credentials.js";
export type { RetryEvent, RetryOptions } from "./retry-options.js";
export type { RateLimitOptions } from "./rate-limiter.js";
export {
  createModeDatasets,
  type CallOptions,
  type IterateOptions,
  type ModeDatasets,
  type ModeDatasetsOptions,
} from "./mode-datasets.js";
export {
  paginate,
  type ListingItem,
  type ListingPath,
  type PaginateInit,
  type PaginateOptions,
} from "./paginate.js";
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
  ModeNotFoundError,
  ModeRateLimitError,
  ModeServerError,
  ModeTimeoutError,
  ModeUnauthorizedError,
  ModeUnprocessableEntityError,
  type ModeErrorKind,
} from "./errors.js";
export { errorFromResponse } from "./error-from-response.js";
export { DEFAULTS } from "./defaults.js";
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
