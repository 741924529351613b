// A listing as Mode pages it: `filter` (`{field}.{operator}.{timestamp}`), `order_by` and
// `order`, then `page` and `per_page` (default 30), wrapped in a HAL collection with `self`,
// `next_page` and `prev_page` links and a `pagination` block. A page past the last comes as
// `"_embedded": {}`, as Mode ends some listings. Which filter values are valid is the spec's
// `filter` pattern, checked before a handler runs; this only splits a valid one into its parts.
import { calendarProblem } from "../../rules/calendar-timestamp.js";
import { api } from "./hal.js";

export const DEFAULT_PER_PAGE = 30;

export interface ListingQuery {
  filter?: string | number | undefined;
  order?: string | number | undefined;
  order_by?: string | number | undefined;
  page?: string | number | undefined;
  per_page?: string | number | undefined;
}

export interface Timestamped {
  createdAt: number;
  updatedAt: number;
}

export interface Page<T> {
  items: T[];
  page: number;
  perPage: number;
  totalCount: number;
  totalPages: number;
}

/** A filter's field, operator and moment; a string saying why when the moment is no real one. */
export function parseFilter(
  filter: string,
): { field: "createdAt" | "updatedAt"; after: boolean; at: number } | string {
  const [field = "", operator = "", ...rest] = filter.split(".");
  const timestamp = rest.join(".");
  const problem = calendarProblem(timestamp.replace(/(\.\d+)?Z$/, ""));
  const at = Date.parse(timestamp);
  if (problem !== undefined || Number.isNaN(at)) {
    return `\`${timestamp}\` in \`filter\` is not a real moment${problem ? `: ${problem}` : ""}`;
  }
  return {
    field: field === "updated_at" ? "updatedAt" : "createdAt",
    after: operator === "gt",
    at,
  };
}

/**
 * Filters, sorts and pages `all`. Without `order_by` and `order` a listing is newest first by
 * `created_at`, as Mode lists runs; `sorted: false` keeps the given order (Collections). Returns
 * the reason, as a string, when the filter's moment is not real.
 */
export function pageOf<T>(
  all: readonly T[],
  query: ListingQuery,
  { paged = true, sorted = true }: { paged?: boolean; sorted?: boolean } = {},
): Page<T> | string {
  let items = [...all];
  if (typeof query.filter === "string") {
    const filter = parseFilter(query.filter);
    if (typeof filter === "string") return filter;
    items = items.filter((item) => {
      const at = (item as Partial<Timestamped>)[filter.field] ?? 0;
      return filter.after ? at > filter.at : at < filter.at;
    });
  }
  if (sorted) {
    const key = query.order_by === "updated_at" ? "updatedAt" : "createdAt";
    const direction = query.order === "asc" ? 1 : -1;
    const at = (item: T): number => (item as Partial<Timestamped>)[key] ?? 0;
    items.sort((a, b) => direction * (at(a) - at(b)));
  }
  const perPage = paged ? Number(query.per_page ?? DEFAULT_PER_PAGE) : Math.max(1, items.length);
  const page = paged ? Number(query.page ?? 1) : 1;
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  return {
    items: items.slice((page - 1) * perPage, page * perPage),
    page,
    perPage,
    totalCount: items.length,
    totalPages,
  };
}

/**
 * The HAL collection around a page: `key` names the `_embedded` list. `path` is the listing's
 * API path and `query` the parameters the client sent, kept in the links except `page`.
 */
export function collectionBody(
  path: string,
  query: Readonly<Record<string, string | number>>,
  key: string,
  page: Page<unknown>,
  bodies: unknown[],
  paged = true,
): Record<string, unknown> {
  const href = (n: number): string => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (name !== "page" && name !== "per_page") params.set(name, String(value));
    }
    params.set("page", String(n));
    params.set("per_page", String(page.perPage));
    return `${path}?${params}`;
  };
  const pastEnd = page.items.length === 0 && page.page > 1;
  return {
    _links: paged
      ? {
          self: api(href(page.page)),
          ...(page.page < page.totalPages ? { next_page: api(href(page.page + 1)) } : {}),
          ...(page.page > 1
            ? { prev_page: api(href(Math.min(page.page - 1, page.totalPages))) }
            : {}),
        }
      : { self: api(path) },
    _embedded: pastEnd ? {} : { [key]: bodies },
    ...(paged
      ? {
          pagination: {
            page: page.page,
            per_page: page.perPage,
            count: page.items.length,
            total_pages: page.totalPages,
            total_count: page.totalCount,
          },
        }
      : {}),
  };
}
