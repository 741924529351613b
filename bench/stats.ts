/** Median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("median of an empty list");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Runs `task` `total` times with at most `concurrency` in flight; resolves with requests per second. */
export async function rate(
  task: () => Promise<void>,
  total: number,
  concurrency: number,
): Promise<number> {
  let started = 0;
  const worker = async (): Promise<void> => {
    while (started < total) {
      started++;
      await task();
    }
  };
  const begin = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return total / ((performance.now() - begin) / 1000);
}

/**
 * `rounds` rounds of `count` variants, each round starting one variant later than the last, so
 * drift on a noisy machine (CPU boost, GC, the server's JIT) hits every variant alike. Resolves
 * with each round's measures, indexed by variant, for ratios within a round.
 */
export async function interleavedRounds(
  count: number,
  rounds: number,
  measure: (index: number) => Promise<number>,
): Promise<number[][]> {
  const all: number[][] = [];
  for (let round = 0; round < rounds; round++) {
    const thisRound: number[] = [];
    for (let step = 0; step < count; step++) {
      const index = (round + step) % count;
      thisRound[index] = await measure(index);
    }
    all.push(thisRound);
  }
  return all;
}
