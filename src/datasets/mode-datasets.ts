import type { operations } from "../../generated/schema.js";
import { createModeClient, type ModeClient } from "../client/create-mode-client.js";
import type { ModeClientOptions } from "../client/options.js";
import { errorFromResponse, invalidResponseError } from "../errors/errors.js";
import type {
  Dataset,
  DatasetListItem,
  Report,
  ReportRun,
  UpdateDatasetRequest,
  Verification,
} from "../schema-types.js";
import {
  type AllDatasetsOptions,
  type AllDatasetsParams,
  iterateAllDatasets,
  type WorkspaceDataset,
} from "./all-datasets.js";
import { type DataSourceMethods, dataSourceMethods } from "./data-sources.js";
import {
  fetchListingPage,
  paginate,
  type ListingItem,
  type ListingPath,
  type PaginateOptions,
} from "./listings.js";
import {
  type DatasetRunMethods,
  datasetRunMethods,
  type ReportRunMethods,
  reportRunMethods,
} from "./runs.js";
import { type SpaceMethods, spaceMethods } from "./spaces.js";
import { verifyCredentials } from "./verify.js";
import { type RunTarget, type WaitForRunOptions, waitForRun } from "./wait-for-run.js";

export type PathParams<K extends keyof operations> = operations[K]["parameters"]["path"];
export type QueryParams<K extends keyof operations> = NonNullable<
  operations[K]["parameters"]["query"]
>;
/** Path and query parameters of a listing in one object, e.g. `{ account, space, per_page }`. */
export type ListParams<K extends keyof operations> = PathParams<K> & QueryParams<K>;
export type IterateParams<K extends keyof operations> = PathParams<K> &
  Omit<QueryParams<K>, "page">;

/** Per-call options of the throwing layer. */
export interface CallOptions {
  /** Aborts the call (and any wait for a retry or a rate-limit slot). */
  signal?: AbortSignal | undefined;
}

/** Per-call options of the iterators. */
export type IterateOptions = CallOptions & PaginateOptions;

/** The throwing convenience layer: bodies unwrapped, errors thrown as `ModeApiError`. */
export interface ModeDatasets {
  /** The underlying openapi-fetch client, for anything the methods do not cover. */
  readonly client: ModeClient;
  readonly datasets: DatasetRunMethods & {
    /** getDataset: one complete Dataset. */
    get(params: PathParams<"getDataset">, options?: CallOptions): Promise<Dataset>;
    /** updateDataset: changes name, description and/or space_token (at least one); returns the Dataset. */
    update(
      params: PathParams<"updateDataset">,
      changes: UpdateDatasetRequest["report"],
      options?: CallOptions,
    ): Promise<Dataset>;
    /** deleteDataset. Never retried automatically. */
    delete(params: PathParams<"deleteDataset">, options?: CallOptions): Promise<void>;
    /** listDatasetsForSpace: the items of one page. */
    listForSpace(
      params: ListParams<"listDatasetsForSpace">,
      options?: CallOptions,
    ): Promise<DatasetListItem[]>;
    /** listDatasetsForDataSource: the items of one page. */
    listForDataSource(
      params: ListParams<"listDatasetsForDataSource">,
      options?: CallOptions,
    ): Promise<DatasetListItem[]>;
    /** listReportsForDataset: the items of one page. */
    listReports(
      params: ListParams<"listReportsForDataset">,
      options?: CallOptions,
    ): Promise<Report[]>;
    /** Every Dataset in a Collection, page after page. */
    iterateForSpace(
      params: IterateParams<"listDatasetsForSpace">,
      options?: IterateOptions,
    ): AsyncGenerator<DatasetListItem, void, undefined>;
    /** Every Dataset of a data source, page after page. */
    iterateForDataSource(
      params: IterateParams<"listDatasetsForDataSource">,
      options?: IterateOptions,
    ): AsyncGenerator<DatasetListItem, void, undefined>;
    /** Every report that imports a Dataset, page after page. */
    iterateReports(
      params: IterateParams<"listReportsForDataset">,
      options?: IterateOptions,
    ): AsyncGenerator<Report, void, undefined>;
  };
  readonly reports: ReportRunMethods & {
    /** listReportRuns: the items of one page. */
    listRuns(params: ListParams<"listReportRuns">, options?: CallOptions): Promise<ReportRun[]>;
    /** Every run of a report, page after page. */
    iterateRuns(
      params: IterateParams<"listReportRuns">,
      options?: IterateOptions,
    ): AsyncGenerator<ReportRun, void, undefined>;
    /**
     * refreshDatasetsInReport: pulls the latest run of each Dataset into the report; returns the
     * new (202 Accepted) Report Run. Never retried automatically: a replay starts another run.
     */
    refreshDatasets(
      params: PathParams<"refreshDatasetsInReport">,
      datasetTokens: readonly string[],
      options?: CallOptions,
    ): Promise<ReportRun>;
  };
  /** Collections (the API's spaces): list, iterate, get. */
  readonly spaces: SpaceMethods;
  /** Data sources (database connections): list, iterate, get. */
  readonly dataSources: DataSourceMethods;
  /** verifyCredentials: resolves when the token and secret work; 401 throws `ModeUnauthorizedError`. */
  verify(options?: CallOptions): Promise<Verification>;
  /**
   * Polls a report run (`{ account, report, run }`) or Dataset run (`{ account, dataset, run }`)
   * until it ends, with a growing interval; returns it when it succeeded, throws
   * `ModeRunFailedError` when it failed or was cancelled, `ModeRunTimeoutError` past `timeoutMs`.
   */
  waitForRun(target: RunTarget, options?: WaitForRunOptions): Promise<ReportRun>;
  /**
   * Every Dataset of a workspace with the Collection it came from: the Collections, then each
   * one's Datasets, `concurrency` listings at a time, one page per listing in memory.
   */
  iterateAllDatasets(
    params: AllDatasetsParams,
    options?: AllDatasetsOptions,
  ): AsyncGenerator<WorkspaceDataset, void, undefined>;
}

/** Either client options, or an existing `createModeClient` client to wrap. */
export type ModeDatasetsOptions = (ModeClientOptions & { client?: never }) | { client: ModeClient };

const UPDATE_FIELDS = ["name", "description", "space_token"] as const;

/** Creates the throwing convenience layer over `createModeClient`. */
export function createModeDatasets(options: ModeDatasetsOptions = {}): ModeDatasets {
  const client: ModeClient = options.client ?? createModeClient(options as ModeClientOptions);
  const signalOf = (options?: CallOptions): { signal?: AbortSignal } =>
    options?.signal ? { signal: options.signal } : {};
  const iterateOptions = (options?: IterateOptions): PaginateOptions => ({
    ...(options?.maxPages !== undefined ? { maxPages: options.maxPages } : {}),
    ...(options?.onMaxPages !== undefined ? { onMaxPages: options.onMaxPages } : {}),
    ...(options?.startPage !== undefined ? { startPage: options.startPage } : {}),
  });

  return {
    client,
    datasets: {
      ...datasetRunMethods(client),
      async get({ account, dataset }, options) {
        const path = "/{account}/datasets/{dataset}";
        const result = await client.GET(path, {
          params: { path: { account, dataset } },
          ...signalOf(options),
        });
        return unwrap(result, "GET", path);
      },
      async update({ account, dataset }, changes, options) {
        checkChanges(changes);
        const path = "/{account}/datasets/{dataset}";
        const result = await client.PATCH(path, {
          params: { path: { account, dataset } },
          body: { report: changes },
          ...signalOf(options),
        });
        return unwrap(result, "PATCH", path);
      },
      async delete({ account, dataset }, options) {
        const path = "/{account}/datasets/{dataset}";
        const result = await client.DELETE(path, {
          params: { path: { account, dataset } },
          ...signalOf(options),
        });
        unwrapEmpty(result, "DELETE", path);
      },
      listForSpace({ account, space, ...query }, options) {
        return pageItems(
          client,
          "/{account}/spaces/{space}/datasets",
          { path: { account, space }, query },
          options,
        );
      },
      listForDataSource({ account, data_source, ...query }, options) {
        return pageItems(
          client,
          "/{account}/data_sources/{data_source}/datasets",
          { path: { account, data_source }, query },
          options,
        );
      },
      listReports({ account, dataset, ...query }, options) {
        return pageItems(
          client,
          "/{account}/datasets/{dataset}/reports",
          { path: { account, dataset }, query },
          options,
        );
      },
      iterateForSpace({ account, space, ...query }, options) {
        const init = { params: { path: { account, space }, query }, ...signalOf(options) };
        return paginate(
          client,
          "/{account}/spaces/{space}/datasets",
          init,
          iterateOptions(options),
        );
      },
      iterateForDataSource({ account, data_source, ...query }, options) {
        const init = { params: { path: { account, data_source }, query }, ...signalOf(options) };
        return paginate(
          client,
          "/{account}/data_sources/{data_source}/datasets",
          init,
          iterateOptions(options),
        );
      },
      iterateReports({ account, dataset, ...query }, options) {
        const init = { params: { path: { account, dataset }, query }, ...signalOf(options) };
        return paginate(
          client,
          "/{account}/datasets/{dataset}/reports",
          init,
          iterateOptions(options),
        );
      },
    },
    reports: {
      ...reportRunMethods(client),
      listRuns({ account, report, ...query }, options) {
        return pageItems(
          client,
          "/{account}/reports/{report}/runs",
          { path: { account, report }, query },
          options,
        );
      },
      iterateRuns({ account, report, ...query }, options) {
        const init = { params: { path: { account, report }, query }, ...signalOf(options) };
        return paginate(client, "/{account}/reports/{report}/runs", init, iterateOptions(options));
      },
      async refreshDatasets({ account, report }, datasetTokens, options) {
        checkTokens(datasetTokens);
        const path = "/{account}/reports/{report}/runs";
        const body = { report: { dataset_tokens: datasetTokens.map((token) => ({ token })) } };
        const result = await client.POST(path, {
          params: { path: { account, report } },
          body,
          ...signalOf(options),
        });
        return unwrap(result, "POST", path);
      },
    },
    spaces: spaceMethods(client),
    dataSources: dataSourceMethods(client),
    verify: (options) => verifyCredentials(client, options),
    waitForRun: (target, options) => waitForRun(client, target, options),
    iterateAllDatasets: (params, options) => iterateAllDatasets(client, params, options),
  };
}

/** The items of one page of a listing; an empty body is an invalid answer here. */
export async function pageItems<P extends ListingPath>(
  client: ModeClient,
  path: P,
  params: Parameters<typeof fetchListingPage<P>>[2],
  options?: CallOptions,
): Promise<ListingItem<P>[]> {
  const page = await fetchListingPage(client, path, params, options?.signal);
  unwrap(page, "GET", path);
  return page.items;
}

interface CallResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The body of a success that must be a JSON object; throws the typed error otherwise. */
export function unwrap<T>(result: CallResult<T>, method: string, path: string): T {
  if (!result.response.ok)
    throw errorFromResponse({ body: result.error, response: result.response, method, path });
  // Every operation unwrapped here promises a JSON object; `null`, an array or a scalar would
  // otherwise be handed back typed as one.
  const { data } = result;
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw invalidResponseError(
      `${method} ${path} answered ${result.response.status} with ${data === undefined ? "an empty body" : `${data === null ? "null" : Array.isArray(data) ? "an array" : `a ${typeof data}`} where an object was expected`}`,
      method,
      path,
      result.response,
      data,
    );
  }
  return data;
}

function unwrapEmpty(result: CallResult<unknown>, method: string, path: string): void {
  if (!result.response.ok)
    throw errorFromResponse({ body: result.error, response: result.response, method, path });
}

// The spec makes the body strict with at least one field; failing here names the problem
// instead of surfacing Mode's (or Prism's) 400.
function checkChanges(changes: unknown): void {
  if (changes === null || typeof changes !== "object" || Array.isArray(changes)) {
    throw new TypeError(
      `Dataset changes ${String(changes)} are not an object; expected { name?, description?, space_token? }`,
    );
  }
  const keys = Object.keys(changes);
  const unknown = keys.filter((key) => !(UPDATE_FIELDS as readonly string[]).includes(key));
  if (unknown.length > 0) {
    throw new RangeError(
      `Unknown Dataset field(s) ${unknown.map((k) => JSON.stringify(k)).join(", ")}; expected ${UPDATE_FIELDS.join(", ")}`,
    );
  }
  if (keys.length === 0)
    throw new RangeError(
      `Dataset changes are empty; expected at least one of ${UPDATE_FIELDS.join(", ")}`,
    );
  for (const [key, value] of Object.entries(changes)) {
    if (typeof value !== "string")
      throw new TypeError(`Dataset field ${key} has type ${typeof value}; expected a string`);
  }
}

function checkTokens(tokens: unknown): void {
  if (!Array.isArray(tokens))
    throw new TypeError(
      `datasetTokens ${String(tokens)} is not an array; expected an array of Dataset tokens`,
    );
  if (tokens.length === 0)
    throw new RangeError("datasetTokens is empty; expected at least one Dataset token");
  for (const token of tokens) {
    if (typeof token !== "string" || token === "") {
      throw new TypeError(
        `Dataset token ${JSON.stringify(token)} is invalid; expected a non-empty string`,
      );
    }
  }
}
