// mode.spaces: Collections, which the API calls spaces; the tokens every Dataset listing starts from.
import type { ModeClient } from "../client/create-mode-client.js";
import type { Space } from "../schema-types.js";
import {
  type CallOptions,
  callForObject,
  type IterateParams,
  type ListParams,
  type ModePromise,
  type PathParams,
} from "./call.js";
import { callForPage, type IterateOptions, iterate } from "./listings.js";

export interface SpaceMethods {
  /**
   * listSpaces: the Collections of one page. Pass `filter: "all"` to see every Collection:
   * without it, other members' private ones are left out.
   */
  list(params: ListParams<"listSpaces">, options?: CallOptions): ModePromise<Space[]>;
  /** Every Collection of a workspace, page after page. */
  iterate(
    params: IterateParams<"listSpaces">,
    options?: IterateOptions,
  ): AsyncGenerator<Space, void, undefined>;
  /** getSpace: one Collection (one deleted moments ago may still come back, `soft_deleted`). */
  get(params: PathParams<"getSpace">, options?: CallOptions): ModePromise<Space>;
}

export function spaceMethods(client: ModeClient): SpaceMethods {
  return {
    list: (params, options) => callForPage(client, "/{account}/spaces", params, options),
    iterate: (params, options) => iterate(client, "/{account}/spaces", params, options),
    get: (params, options) =>
      callForObject(client, "get", "/{account}/spaces/{space}", params, options),
  };
}
