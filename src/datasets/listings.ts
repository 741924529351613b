import type { paths } from "../../generated/schema.js";
import type { ModeClient } from "../client/create-mode-client.js";
import { DEFAULTS } from "../client/options.js";
import {
  errorAboutResponse,
  errorFromResponse,
  invalidResponseError,
  ModeMaxPagesError,
} from "../errors/errors.js";

/** The listings, each with the `_embedded` key that holds its items. */
const LISTING_KEYS = {
  "/{account}/spaces/{space}/datasets": "reports",
  "/{account}/data_sources/{data_source}/datasets": "reports",
  "/{account}/datasets/{dataset}/reports": "reports",
  "/{account}/reports/{report}/runs": "report_runs",
  "/{account}/datasets/{dataset}/runs": "report_runs",
  "/{account}/spaces": "spaces",
  "/{account}/data_sources": "data_sources",
} as const;

/** The listings `paginate` walks. */
export type ListingPath = keyof typeof LISTING_KEYS;
/** The key under `_embedded` that holds a listing's items. */
export type ListingKey = (typeof LISTING_KEYS)[ListingPath];

// Listings that take no `page`: Mode sends all their items at once, and a parameter the
// operation does not declare is refused by the contract kit, so these are read in one request.
const UNPAGED: ReadonlySet<string> = new Set<ListingPath>(["/{account}/data_sources"]);

type ListingParameters<P extends ListingPath> = paths[P]["get"]["parameters"];
type ListingQuery<P extends ListingPath> = NonNullable<ListingParameters<P>["query"]>;
type ListingBody<P extends ListingPath> =
  paths[P]["get"]["responses"][200]["content"]["application/hal+json"];
type Embedded<P extends ListingPath> = ListingBody<P>["_embedded"];

/** The type of one item of a listing. */
export type ListingItem<P extends ListingPath> =
  NonNullable<Embedded<P>[keyof Embedded<P>]> extends readonly (infer Item)[] ? Item : never;

/** Path and query parameters of a listing, without `page`, which the iterator drives. */
export interface PaginateInit<P extends ListingPath> {
  params: {
    path: ListingParameters<P>["path"];
    query?: Omit<NonNullable<ListingParameters<P>["query"]>, "page">;
  };
  signal?: AbortSignal | undefined;
}

export interface PaginateOptions {
  /** Read at most this many pages. Default 1 000. */
  maxPages?: number | undefined;
  /**
   * What happens when the listing goes on past `maxPages`: `"throw"` a `ModeMaxPagesError`
   * after the items of the last page read (default), or `"stop"` there without a sign.
   */
  onMaxPages?: "throw" | "stop" | undefined;
  /** First page to fetch (pages are 1-based). Default 1. */
  startPage?: number | undefined;
}

type LooseGet = (
  path: string,
  init: { params: { path: unknown; query: Record<string, unknown> }; signal?: AbortSignal },
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * Yields every item of a listing, walking `page` from 1, one page of items in memory at a time.
 * Ends on a page with no items, a page whose items all came before (some listings ignore `page`
 * or cycle through a few pages), or `page >= pagination.total_pages`. Throws `ModeApiError` on
 * an error, `ModeInvalidResponseError` on a page without a body or without its items array, and
 * `ModeMaxPagesError` when the listing goes on past `maxPages` (unless `onMaxPages: "stop"`).
 */
export async function* paginate<P extends ListingPath>(
  client: ModeClient,
  path: P,
  init: PaginateInit<P>,
  options: PaginateOptions = {},
): AsyncGenerator<ListingItem<P>, void, undefined> {
  const maxPages = options.maxPages ?? DEFAULTS.maxPages;
  const startPage = options.startPage ?? 1;
  const onMaxPages = options.onMaxPages ?? "throw";
  if (!Number.isInteger(maxPages) || maxPages < 1) {
    throw new RangeError(
      `maxPages ${String(maxPages)} is invalid; expected a whole number of at least 1`,
    );
  }
  if (!Number.isInteger(startPage) || startPage < 1) {
    throw new RangeError(
      `startPage ${String(startPage)} is invalid; expected a whole number of at least 1`,
    );
  }
  if (onMaxPages !== "throw" && onMaxPages !== "stop") {
    throw new RangeError(
      `onMaxPages ${JSON.stringify(onMaxPages)} is invalid; expected "throw" or "stop"`,
    );
  }
  // One signature per page read: a page seen before, however many pages back, ends the listing.
  const seen = new Set<string>();
  for (let page = startPage; ; page++) {
    // The page after the cap is read only to tell "more pages" from "exactly maxPages".
    const pastCap = page === startPage + maxPages;
    if (pastCap && onMaxPages === "stop") return;
    const unpaged = UNPAGED.has(path);
    const query = (
      unpaged ? { ...init.params.query } : { ...init.params.query, page }
    ) as ListingQuery<P>;
    const { response, data, items } = await fetchListingPage(
      client,
      path,
      { path: init.params.path, query },
      init.signal,
    );
    // An empty body is no end signal: ending here would drop the pages after it unseen.
    if (data === undefined) {
      throw invalidResponseError(
        `GET ${path} answered page ${page} with an empty body`,
        "GET",
        path,
        response,
      );
    }
    if (items.length === 0) return;
    const signature = items.map(itemIdentity).join("\n");
    if (seen.has(signature)) return;
    if (pastCap) {
      throw errorAboutResponse(
        ModeMaxPagesError,
        `GET ${path} goes on past maxPages (${maxPages} pages read); raise maxPages, or pass onMaxPages: "stop" to end there`,
        "GET",
        path,
        response,
      );
    }
    seen.add(signature);
    yield* items;
    const totalPages = (data as { pagination?: { total_pages?: unknown } }).pagination?.total_pages;
    if (unpaged || (typeof totalPages === "number" && page >= totalPages)) return;
  }
}

/** One page of a listing and its items. */
export interface ListingPage<P extends ListingPath> {
  response: Response;
  /** Undefined when the answer had no body. */
  data: ListingBody<P> | undefined;
  /** The items under `_embedded`; empty when there was no body. */
  items: ListingItem<P>[];
}

/**
 * Fetches one page of a listing, for `paginate` and the throwing layer's `list...` methods.
 * Throws `ModeApiError` on an error status and `ModeInvalidResponseError` on a body without
 * its `_embedded` array.
 */
export async function fetchListingPage<P extends ListingPath>(
  client: ModeClient,
  path: P,
  params: { path: ListingParameters<P>["path"]; query?: ListingQuery<P> | undefined },
  signal?: AbortSignal,
): Promise<ListingPage<P>> {
  // One generic call site: openapi-fetch's overloads cannot be picked for a union of paths.
  const get = client.GET as unknown as LooseGet;
  const { data, error, response } = await get(path, {
    params: { path: params.path, query: { ...params.query } },
    ...(signal ? { signal } : {}),
  });
  if (!response.ok) throw errorFromResponse({ body: error, response, method: "GET", path });
  if (data === undefined) return { response, data: undefined, items: [] };
  const items = listingItems<ListingItem<P>>(data, listingKey(path), "GET", path, response);
  return { response, data: data as ListingBody<P>, items };
}

function itemIdentity(item: unknown): string {
  const token = (item as { token?: unknown } | null)?.token;
  return typeof token === "string" ? token : JSON.stringify(item);
}

/**
 * The items of a HAL listing. The key is `reports` even for Datasets, `report_runs` for runs
 * of reports and Datasets alike, `spaces` and `data_sources`; a body without the array is
 * reported rather than read as an empty page, which would silently end a pagination.
 */
export function listingItems<T>(
  data: unknown,
  key: ListingKey,
  method: string,
  path: string,
  response: Response,
): T[] {
  const embedded = (data as { _embedded?: Record<string, unknown> } | null | undefined)?._embedded;
  // Mode ends some listings with `"_embedded": {}`: the envelope is there, the page is empty.
  // Only an empty envelope reads so: one holding other keys but not ours is a shape we do not
  // know, and reading it as empty would end a listing silently.
  const items =
    embedded !== null && typeof embedded === "object" && Object.keys(embedded).length === 0
      ? []
      : embedded?.[key];
  if (!Array.isArray(items)) {
    throw invalidResponseError(
      `${method} ${path} answered without an _embedded.${key} array`,
      method,
      path,
      response,
      data,
    );
  }
  return items as T[];
}

/** Which `_embedded` key a listing path uses. */
export function listingKey(path: ListingPath): ListingKey {
  return LISTING_KEYS[path];
}
