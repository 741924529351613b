/**
 * Merges the iterators that `open` makes of each item of `sources`, with at most `concurrency`
 * of them open at once, yielding `[source, item]` in the order items arrive. Each open iterator
 * has at most one `next()` outstanding and is asked for its next item only once its last one
 * has been taken, so nothing runs ahead of the consumer. `open` may return undefined to skip a
 * source. The first failure (of `sources` or of any iterator) is thrown, after the items that
 * came before it. `signal` is checked before each item is handed out, so nothing already in
 * memory is handed to a consumer that has given up. Stopping the iterators still running is the
 * caller's (their requests are tied to a signal the caller aborts).
 */
export async function* mergeBounded<S, T>(
  sources: AsyncIterator<S>,
  open: (source: S) => AsyncIterator<T> | undefined,
  concurrency: number,
  signal?: AbortSignal,
): AsyncGenerator<[S, T], void, undefined> {
  type Lane = { source: S; items: AsyncIterator<T> };
  type Event = { lane?: Lane | undefined; result?: IteratorResult<S | T>; error?: unknown };
  // Every outstanding `next()` lands here, so nothing is raced and no rejection goes unhandled.
  const events: Event[] = [];
  let wake: (() => void) | undefined;
  const pull = (iterator: AsyncIterator<S | T>, lane?: Lane): void => {
    iterator.next().then(
      (result) => deliver({ lane, result }),
      (error: unknown) => deliver({ error }),
    );
  };
  const deliver = (event: Event): void => {
    events.push(event);
    wake?.();
    wake = undefined;
  };
  const lanes = new Set<Lane>();
  let sourcesPending = false;
  let sourcesDone = false;
  for (;;) {
    if (!sourcesDone && !sourcesPending && lanes.size < concurrency) {
      sourcesPending = true;
      pull(sources);
    }
    if (!sourcesPending && lanes.size === 0) return;
    while (events.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    signal?.throwIfAborted();
    const { lane, result, error } = events.shift() as Event;
    if (!result) throw error;
    if (!lane) {
      sourcesPending = false;
      if (result.done) sourcesDone = true;
      else {
        const items = open(result.value as S);
        if (items) {
          const opened = { source: result.value as S, items };
          lanes.add(opened);
          pull(items, opened);
        }
      }
    } else if (result.done) {
      lanes.delete(lane);
    } else {
      yield [lane.source, result.value as T];
      pull(lane.items, lane);
    }
  }
}
