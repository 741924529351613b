// Data sources, the database connections queries run against: the tokens
// `listDatasetsForDataSource` takes. Mode lists them all at once, on one page.
import type { ModeClient } from "../client/create-mode-client.js";
import type { DataSource } from "../schema-types.js";
import { paginate } from "./listings.js";
import {
  type CallOptions,
  type IterateOptions,
  type PathParams,
  pageItems,
  unwrap,
} from "./mode-datasets.js";

export interface DataSourceMethods {
  /** listDataSources: every data source of a workspace (Mode sends them on one page). */
  list(params: PathParams<"listDataSources">, options?: CallOptions): Promise<DataSource[]>;
  /** The same data sources one at a time, for symmetry with the other listings. */
  iterate(
    params: PathParams<"listDataSources">,
    options?: IterateOptions,
  ): AsyncGenerator<DataSource, void, undefined>;
  /** getDataSource: one data source, by its token (its numeric id does not route). */
  get(params: PathParams<"getDataSource">, options?: CallOptions): Promise<DataSource>;
}

export function dataSourceMethods(client: ModeClient): DataSourceMethods {
  return {
    list({ account }, options) {
      return pageItems(client, "/{account}/data_sources", { path: { account } }, options);
    },
    iterate({ account }, options) {
      const init = {
        params: { path: { account } },
        ...(options?.signal ? { signal: options.signal } : {}),
      };
      return paginate(client, "/{account}/data_sources", init, options);
    },
    async get({ account, data_source }, options) {
      const path = "/{account}/data_sources/{data_source}";
      const result = await client.GET(path, {
        params: { path: { account, data_source } },
        ...(options?.signal ? { signal: options.signal } : {}),
      });
      return unwrap(result, "GET", path);
    },
  };
}
