// Every Dataset of a workspace: the Collections, then each one's Datasets. Mode has no listing
// of a workspace's Datasets, so this walks one listing per Collection, several at a time: one
// listing alone waits a full round trip per page and leaves most of the rate limit unused.
import type { ModeClient } from "../client/create-mode-client.js";
import { DEFAULTS } from "../client/options.js";
import { mergeBounded } from "../internal/merge.js";
import type { DatasetListItem, Space } from "../schema-types.js";
import type { QueryParams } from "./call.js";
import { type IterateOptions, paginate } from "./listings.js";

export interface AllDatasetsParams {
  account: string;
  /** Which Collections to walk, as `listSpaces` takes it. Default `"all"`: every Collection. */
  filter?: QueryParams<"listSpaces">["filter"];
}

export interface AllDatasetsOptions extends Omit<IterateOptions, "startPage"> {
  /**
   * How many Collection listings are walked at once, each holding one page. Enough to keep the
   * rate limiter's queue from running dry while pages are in flight. Default 8.
   */
  concurrency?: number | undefined;
}

/** One Dataset and the Collection it was listed in. */
export interface WorkspaceDataset {
  space: Space;
  dataset: DatasetListItem;
}

/**
 * Yields every Dataset of a workspace with the Collection it came from. Up to `concurrency`
 * Collection listings are walked at once; each fetches its next page only once its current
 * page has been yielded, so at most one page per listing is in memory. Items of different
 * Collections interleave; within a Collection they keep the listing's order (a Collection
 * listed twice is walked once). A listing that fails (an error, a broken page, `maxPages`
 * passed) throws after the items before it, and stopping early (break, an error, the signal)
 * aborts the requests still in flight.
 */
export async function* iterateAllDatasets(
  client: ModeClient,
  params: AllDatasetsParams,
  options: AllDatasetsOptions = {},
): AsyncGenerator<WorkspaceDataset, void, undefined> {
  const { concurrency = DEFAULTS.iterateAllDatasets.concurrency, ...rest } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(
      `iterateAllDatasets concurrency ${String(concurrency)} is invalid; expected a whole number of at least 1`,
    );
  }
  const caller = options.signal;
  caller?.throwIfAborted();
  const { account } = params;
  // Aborted when the walk ends for any reason, so the pages still in flight stop there.
  const stop = new AbortController();
  const each: IterateOptions = {
    ...rest,
    signal: caller ? AbortSignal.any([caller, stop.signal]) : stop.signal,
  };
  const spaces = paginate(
    client,
    "/{account}/spaces",
    {
      params: {
        path: { account },
        query: { filter: params.filter ?? DEFAULTS.iterateAllDatasets.filter },
      },
    },
    each,
  );
  // A Collection listed twice (pages that overlap) is walked once: its Datasets would
  // otherwise come out twice.
  const walked = new Set<string>();
  const datasetsOf = (space: Space) => {
    if (walked.has(space.token)) return undefined;
    walked.add(space.token);
    return paginate(
      client,
      "/{account}/spaces/{space}/datasets",
      { params: { path: { account, space: space.token } } },
      each,
    );
  };
  try {
    for await (const [space, dataset] of mergeBounded(spaces, datasetsOf, concurrency, caller))
      yield { space, dataset };
  } finally {
    stop.abort();
  }
}
