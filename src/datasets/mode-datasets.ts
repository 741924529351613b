// createModeDatasets: the throwing layer, assembled from one namespace per file. Nothing here
// sends a request: each method lives in its namespace's file, each workflow in its own.
import { createModeClient, type ModeClient } from "../client/create-mode-client.js";
import type { ModeClientOptions } from "../client/options.js";
import type { ReportRun, Verification } from "../schema-types.js";
import {
  type AllDatasetsOptions,
  type AllDatasetsParams,
  iterateAllDatasets,
  type WorkspaceDataset,
} from "./all-datasets.js";
import type { CallOptions, ModePromise } from "./call.js";
import { type DataSourceMethods, dataSourceMethods } from "./data-sources.js";
import { type DatasetMethods, datasetMethods } from "./datasets.js";
import { type ReportMethods, reportMethods } from "./reports.js";
import { type SpaceMethods, spaceMethods } from "./spaces.js";
import { verifyCredentials } from "./verify.js";
import { type RunTarget, type WaitForRunOptions, waitForRun } from "./wait-for-run.js";

/** The throwing convenience layer: bodies unwrapped, errors thrown as `ModeApiError`. */
export interface ModeDatasets {
  /** The underlying openapi-fetch client, for anything the methods do not cover. */
  readonly client: ModeClient;
  /** Datasets: get, update, delete, the listings that hold them, and their runs. */
  readonly datasets: DatasetMethods;
  /** Reports: their runs, and the two ways to start one. */
  readonly reports: ReportMethods;
  /** Collections (the API's spaces): list, iterate, get. */
  readonly spaces: SpaceMethods;
  /** Data sources (database connections): list, iterate, get. */
  readonly dataSources: DataSourceMethods;
  /** verifyCredentials: resolves when the token and secret work; 401 throws `ModeUnauthorizedError`. */
  verify(options?: CallOptions): ModePromise<Verification>;
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

/** Creates the throwing convenience layer over `createModeClient`. */
export function createModeDatasets(options: ModeDatasetsOptions = {}): ModeDatasets {
  const client: ModeClient = options.client ?? createModeClient(options as ModeClientOptions);
  return {
    client,
    datasets: datasetMethods(client),
    reports: reportMethods(client),
    spaces: spaceMethods(client),
    dataSources: dataSourceMethods(client),
    verify: (options) => verifyCredentials(client, options),
    waitForRun: (target, options) => waitForRun(client, target, options),
    iterateAllDatasets: (params, options) => iterateAllDatasets(client, params, options),
  };
}
