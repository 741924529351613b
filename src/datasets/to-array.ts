import { checkWholeNumber } from "../internal/checks.js";

/** How many items `toArray` collects at most. */
export interface ToArrayOptions {
  /** Required: a listing can be far longer than anyone meant to hold in memory. */
  limit: number;
}

/**
 * The items of an async iterable (an `iterate...` listing, `iterateAllDatasets`, `paginate`) in
 * an array, at most `limit` of them. Reaching the limit closes the iterator, so no further page
 * is fetched and the requests still in flight are aborted. A failure of the iterator is thrown.
 */
export async function toArray<T>(
  iterable: AsyncIterable<T>,
  options: ToArrayOptions,
): Promise<T[]> {
  const limit = options?.limit;
  checkWholeNumber("toArray limit", limit);
  const items: T[] = [];
  for await (const item of iterable) {
    items.push(item);
    if (items.length >= limit) break;
  }
  return items;
}
