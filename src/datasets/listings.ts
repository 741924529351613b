// The listings: one page of items, and `paginate`, which walks every page.
import type { paths } from "../../generated/schema.js";
import type { ModeClient } from "../client/create-mode-client.js";
import { DEFAULTS } from "../client/options.js";
import { ModeMaxPagesError } from "../errors/errors.js";
import {
  type CallOptions,
  type CallResult,
  type ModePromise,
  modePromise,
  objectOf,
  type Prepared,
  prepare,
  refused,
  send,
  splitParams,
  throwUnlessOk,
} from "./call.js";

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

/** Per-call options of the iterators: those of every call, and how far to walk. */
export type IterateOptions = CallOptions & PaginateOptions;

/**
 * Yields every item of a listing, walking `page` from 1, one page of items in memory at a time.
 * Ends on a page with no items, a page whose items all came before (some listings ignore `page`
 * or cycle through a few pages), or `page >= pagination.total_pages`. Throws `ModeApiError` on
 * an error, `ModeInvalidResponseError` on a page without a body or without its items array, and
 * `ModeMaxPagesError` when the listing goes on past `maxPages` (unless `onMaxPages: "stop"`).
 * Every page is sent with the per-call options (`signal`, `timeoutMs`, `retry`, `headers`).
 */
export async function* paginate<P extends ListingPath>(
  client: ModeClient,
  path: P,
  init: PaginateInit<P>,
  options: IterateOptions = {},
): AsyncGenerator<ListingItem<P>, void, undefined> {
  const { maxPages = DEFAULTS.maxPages, startPage = 1, onMaxPages = "throw" } = options;
  wholeNumber("maxPages", maxPages);
  wholeNumber("startPage", startPage);
  if (onMaxPages !== "throw" && onMaxPages !== "stop") {
    throw new RangeError(
      `onMaxPages ${JSON.stringify(onMaxPages)} is invalid; expected "throw" or "stop"`,
    );
  }
  const prepared = prepare(client, { ...options, signal: options.signal ?? init.signal });
  const unpaged = UNPAGED.has(path);
  // One signature per page read: a page seen before, however many pages back, ends the listing.
  const seen = new Set<string>();
  for (let page = startPage; ; page++) {
    // The page after the cap is read only to tell "more pages" from "exactly maxPages".
    const pastCap = page === startPage + maxPages;
    if (pastCap && onMaxPages === "stop") return;
    const query = unpaged ? { ...init.params.query } : { ...init.params.query, page };
    const result = await send(client, "GET", path, { path: init.params.path, query }, prepared);
    throwUnlessOk(result, "GET", path);
    // An empty body is no end signal: ending here would drop the pages after it unseen.
    if (result.data === undefined)
      throw refused(
        `GET ${path} answered page ${page} with an empty body`,
        "GET",
        path,
        result,
        prepared.record,
      );
    const items = itemsOf<P>(result, path, prepared);
    if (items.length === 0) return;
    const signature = items.map(identity).join("\n");
    if (seen.has(signature)) return;
    if (pastCap) {
      throw refused(
        `GET ${path} goes on past maxPages (${maxPages} pages read); raise maxPages, or pass onMaxPages: "stop" to end there`,
        "GET",
        path,
        { response: result.response },
        prepared.record,
        ModeMaxPagesError,
      );
    }
    seen.add(signature);
    yield* items;
    const totalPages = (result.data as { pagination?: { total_pages?: unknown } }).pagination
      ?.total_pages;
    if (unpaged || (typeof totalPages === "number" && page >= totalPages)) return;
  }
}

/** The items of one page of a listing, for the `list...` methods; an empty body is refused. */
export function callForPage<P extends ListingPath>(
  client: ModeClient,
  path: P,
  params: object,
  options: CallOptions | undefined,
): ModePromise<ListingItem<P>[]> {
  return modePromise(async () => {
    const prepared = prepare(client, options);
    const result = await send(client, "GET", path, splitParams(path, params), prepared);
    objectOf(result, "GET", path, prepared.record);
    return { data: itemsOf<P>(result, path, prepared), response: result.response };
  });
}

/** Every item of a listing, for the `iterate...` methods: `{ account, ...query }` walked. */
export function iterate<P extends ListingPath>(
  client: ModeClient,
  path: P,
  params: object,
  options: IterateOptions | undefined,
): AsyncGenerator<ListingItem<P>, void, undefined> {
  const { path: pathParams, query } = splitParams(path, params);
  return paginate(
    client,
    path,
    { params: { path: pathParams, query } } as PaginateInit<P>,
    options,
  );
}

function wholeNumber(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(
      `${name} ${String(value)} is invalid; expected a whole number of at least 1`,
    );
  }
}

function identity(item: unknown): string {
  const token = (item as { token?: unknown } | null)?.token;
  return typeof token === "string" ? token : JSON.stringify(item);
}

/**
 * The items of a HAL listing. The key is `reports` even for Datasets, `report_runs` for runs
 * of reports and Datasets alike, `spaces` and `data_sources`; a body without the array is
 * reported rather than read as an empty page, which would silently end a pagination.
 */
function itemsOf<P extends ListingPath>(
  result: CallResult,
  path: P,
  prepared: Prepared,
): ListingItem<P>[] {
  const key = LISTING_KEYS[path];
  const embedded = (result.data as { _embedded?: Record<string, unknown> } | null)?._embedded;
  // Mode ends some listings with `"_embedded": {}`: the envelope is there, the page is empty.
  // Only an empty envelope reads so: one holding other keys but not ours is a shape we do not
  // know, and reading it as empty would end a listing silently.
  const items =
    embedded !== null && typeof embedded === "object" && Object.keys(embedded).length === 0
      ? []
      : embedded?.[key];
  if (!Array.isArray(items))
    throw refused(
      `GET ${path} answered without an _embedded.${key} array`,
      "GET",
      path,
      result,
      prepared.record,
    );
  return items as ListingItem<P>[];
}
