// Every Dataset of a workspace: the Collections, then each one's Datasets. Mode has no listing
// of a workspace's Datasets, so this walks one listing per Collection, several at a time: one
// listing alone waits a full round trip per page and leaves most of the rate limit unused.
import type { ModeClient } from "../client/create-mode-client.js";
import { DEFAULTS } from "../client/options.js";
import type { DatasetListItem, Space } from "../schema-types.js";
import { paginate, type PaginateOptions } from "./listings.js";
import type { CallOptions, QueryParams } from "./mode-datasets.js";

export interface AllDatasetsParams {
  account: string;
  /** Which Collections to walk, as `listSpaces` takes it. Default `"all"`: every Collection. */
  filter?: QueryParams<"listSpaces">["filter"];
}

export interface AllDatasetsOptions extends CallOptions, Omit<PaginateOptions, "startPage"> {
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

type Event =
  | { from: "spaces"; result: IteratorResult<Space> }
  | { from: Lane; result: IteratorResult<DatasetListItem> }
  | { from: "error"; error: unknown };

interface Lane {
  space: Space;
  datasets: AsyncGenerator<DatasetListItem, void, undefined>;
}

/**
 * Yields every Dataset of a workspace with the Collection it came from. Up to `concurrency`
 * Collection listings are walked at once; each fetches its next page only once its current
 * page has been yielded, so at most one page per listing is in memory. Items of different
 * Collections interleave; within a Collection they keep the listing's order (a Collection
 * listed twice is walked once). A listing that
 * fails (an error, a broken page, `maxPages` passed) throws after the items before it, and
 * stopping early (break, an error, the signal) aborts the requests still in flight.
 */
export async function* iterateAllDatasets(
  client: ModeClient,
  params: AllDatasetsParams,
  options: AllDatasetsOptions = {},
): AsyncGenerator<WorkspaceDataset, void, undefined> {
  const concurrency = options.concurrency ?? DEFAULTS.iterateAllDatasets.concurrency;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(
      `iterateAllDatasets concurrency ${String(concurrency)} is invalid; expected a whole number of at least 1`,
    );
  }
  options.signal?.throwIfAborted();
  const { account } = params;
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const paging: PaginateOptions = {
    ...(options.maxPages !== undefined ? { maxPages: options.maxPages } : {}),
    ...(options.onMaxPages !== undefined ? { onMaxPages: options.onMaxPages } : {}),
  };
  const spaces = paginate(
    client,
    "/{account}/spaces",
    {
      params: {
        path: { account },
        query: { filter: params.filter ?? DEFAULTS.iterateAllDatasets.filter },
      },
      signal,
    },
    paging,
  );

  // Every listing has at most one `next()` outstanding; its result lands here, so nothing is
  // raced and no rejection goes unhandled.
  const events: Event[] = [];
  let wake: (() => void) | undefined;
  const deliver = (event: Event): void => {
    events.push(event);
    wake?.();
    wake = undefined;
  };
  const pull = <T>(
    iterator: AsyncIterator<T>,
    wrap: (result: IteratorResult<T>) => Event,
  ): void => {
    iterator.next().then(
      (result) => deliver(wrap(result)),
      (error: unknown) => deliver({ from: "error", error }),
    );
  };
  const pullSpace = (): void => pull(spaces, (result) => ({ from: "spaces", result }));
  const pullLane = (lane: Lane): void => pull(lane.datasets, (result) => ({ from: lane, result }));

  const lanes = new Set<Lane>();
  const walked = new Set<string>();
  let spacesPending = false;
  let spacesDone = false;
  try {
    for (;;) {
      if (!spacesDone && !spacesPending && lanes.size < concurrency) {
        spacesPending = true;
        pullSpace();
      }
      if (!spacesPending && lanes.size === 0) return;
      while (events.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      // Items already in memory are not handed out after the caller has given up.
      options.signal?.throwIfAborted();
      const event = events.shift() as Event;
      if (event.from === "error") throw event.error;
      if (event.from === "spaces") {
        spacesPending = false;
        if (event.result.done) {
          spacesDone = true;
          continue;
        }
        const space = event.result.value;
        // A Collection listed twice (pages that overlap) is walked once: its Datasets would
        // otherwise come out twice.
        if (walked.has(space.token)) continue;
        walked.add(space.token);
        const lane: Lane = {
          space,
          datasets: paginate(
            client,
            "/{account}/spaces/{space}/datasets",
            { params: { path: { account, space: space.token } }, signal },
            paging,
          ),
        };
        lanes.add(lane);
        pullLane(lane);
        continue;
      }
      const lane = event.from;
      if (event.result.done) {
        lanes.delete(lane);
        continue;
      }
      yield { space: lane.space, dataset: event.result.value };
      pullLane(lane);
    }
  } finally {
    // Stops the pages still in flight; their rejections land in `events`, which nobody reads.
    stop.abort();
  }
}
