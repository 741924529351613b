import { ModeInvalidResponseError } from "./errors.js";

/**
 * The items of a HAL listing. The key is `reports` even for Datasets, and `report_runs` for
 * runs; a body without the array is reported rather than read as an empty page, which would
 * silently end a pagination.
 */
export function listingItems<T>(
  data: unknown,
  key: "reports" | "report_runs",
  method: string,
  path: string,
): T[] {
  const embedded = (data as { _embedded?: Record<string, unknown> } | null | undefined)?._embedded;
  const items = embedded?.[key];
  if (!Array.isArray(items)) {
    throw new ModeInvalidResponseError({
      message: `${method} ${path} answered without an _embedded.${key} array`,
      method,
      path,
      body: data,
    });
  }
  return items as T[];
}

/** Which `_embedded` key a listing path uses. */
export function listingKey(path: string): "reports" | "report_runs" {
  return path.endsWith("/runs") ? "report_runs" : "reports";
}
