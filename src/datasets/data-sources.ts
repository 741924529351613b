// mode.dataSources: the database connections queries run against, and the tokens
// `listDatasetsForDataSource` takes. Mode lists them all at once, on one page.
import type { ModeClient } from "../client/create-mode-client.js";
import type { DataSource } from "../schema-types.js";
import { type CallOptions, callForObject, type ModePromise, type PathParams } from "./call.js";
import { callForPage, type IterateOptions, iterate } from "./listings.js";

export interface DataSourceMethods {
  /** listDataSources: every data source of a workspace (Mode sends them on one page). */
  list(params: PathParams<"listDataSources">, options?: CallOptions): ModePromise<DataSource[]>;
  /** The same data sources one at a time, for symmetry with the other listings. */
  iterate(
    params: PathParams<"listDataSources">,
    options?: IterateOptions,
  ): AsyncGenerator<DataSource, void, undefined>;
  /** getDataSource: one data source, by its token (its numeric id does not route). */
  get(params: PathParams<"getDataSource">, options?: CallOptions): ModePromise<DataSource>;
}

export function dataSourceMethods(client: ModeClient): DataSourceMethods {
  return {
    list: (params, options) => callForPage(client, "/{account}/data_sources", params, options),
    iterate: (params, options) => iterate(client, "/{account}/data_sources", params, options),
    get: (params, options) =>
      callForObject(client, "get", "/{account}/data_sources/{data_source}", params, options),
  };
}
