// Collections, which the API calls spaces: the tokens every Dataset listing starts from.
import type { ModeClient } from "../client/create-mode-client.js";
import type { Space } from "../schema-types.js";
import { paginate } from "./listings.js";
import {
  type CallOptions,
  type IterateOptions,
  type IterateParams,
  type ListParams,
  type PathParams,
  pageItems,
  unwrap,
} from "./mode-datasets.js";

export interface SpaceMethods {
  /**
   * listSpaces: the Collections of one page. Pass `filter: "all"` to see every Collection:
   * without it, other members' private ones are left out.
   */
  list(params: ListParams<"listSpaces">, options?: CallOptions): Promise<Space[]>;
  /** Every Collection of a workspace, page after page. */
  iterate(
    params: IterateParams<"listSpaces">,
    options?: IterateOptions,
  ): AsyncGenerator<Space, void, undefined>;
  /** getSpace: one Collection (one deleted moments ago may still come back, `soft_deleted`). */
  get(params: PathParams<"getSpace">, options?: CallOptions): Promise<Space>;
}

export function spaceMethods(client: ModeClient): SpaceMethods {
  return {
    list({ account, ...query }, options) {
      return pageItems(client, "/{account}/spaces", { path: { account }, query }, options);
    },
    iterate({ account, ...query }, options) {
      const init = {
        params: { path: { account }, query },
        ...(options?.signal ? { signal: options.signal } : {}),
      };
      return paginate(client, "/{account}/spaces", init, options);
    },
    async get({ account, space }, options) {
      const path = "/{account}/spaces/{space}";
      const result = await client.GET(path, {
        params: { path: { account, space } },
        ...(options?.signal ? { signal: options.signal } : {}),
      });
      return unwrap(result, "GET", path);
    },
  };
}
