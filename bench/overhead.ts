import { fixed, type Row } from "./report.js";
import type { BenchServer } from "./server-process.js";
import { interleavedRounds, median, rate } from "./stats.js";
import { getVariants } from "./variants.js";

export interface OverheadSettings {
  rounds: number;
  /** Requests per variant per round. */
  requests: number;
  warmup: number;
}

/**
 * Target: our client keeps at least this share of bare openapi-fetch's request rate, measured in
 * the same rounds. openapi-fetch is what the client is built on, so this is our layers' own cost.
 */
export const MIN_RATIO = 0.9;

/**
 * Requests per second of raw fetch, bare openapi-fetch, createModeClient and the floor (see
 * variants.ts) at one concurrency. Rounds interleave the variants in a rotating order so drift
 * on a noisy machine (CPU boost, GC, the server's JIT) hits all four alike; each round's rates
 * are compared with the same round's raw fetch and openapi-fetch (and the client's with the
 * floor), and the medians are reported.
 */
export async function measureOverhead(
  server: BenchServer,
  concurrency: number,
  settings: OverheadSettings,
): Promise<Row[]> {
  const variants = getVariants(server.origin);
  for (const variant of variants) await rate(variant.get, settings.warmup, concurrency);
  const rounds = await interleavedRounds(variants.length, settings.rounds, (index) =>
    rate((variants[index] as (typeof variants)[number]).get, settings.requests, concurrency),
  );
  // Each round's rates against the same round's raw fetch, and against bare openapi-fetch, which
  // the client is built on: for the client, our layers' own cost.
  const mediansOf = (divideBy: (round: number[]) => number) =>
    variants.map((_, index) =>
      median(rounds.map((round) => (round[index] as number) / divideBy(round))),
    );
  const rates = mediansOf(() => 1);
  const ratios = mediansOf((round) => round[0] as number);
  const toOpenapiFetch = mediansOf((round) => round[1] as number);
  // The client against the floor (the last variant): what its layers beyond the two costliest
  // guarantees cost, in the same rounds. No target: MIN_RATIO is against openapi-fetch.
  const toFloor = mediansOf((round) => round[variants.length - 1] as number);
  const section = `overhead, concurrency ${concurrency}`;
  return variants.map((variant, index) => {
    const reqs = rates[index] as number;
    const ratio = ratios[index] as number;
    const row: Row = {
      section,
      measure: `${variant.name} req/s (ratio to raw fetch)`,
      value: `${fixed(reqs)} (${ratio.toFixed(3)}x)`,
    };
    // Raw fetch and openapi-fetch are the baselines; the variants built on openapi-fetch are
    // also given as a share of it.
    if (index < 2) return row;
    const toBase = toOpenapiFetch[index] as number;
    row.value += `; ${toBase.toFixed(3)}x openapi-fetch`;
    if (variant.name === "createModeClient") {
      row.value += `; ${(toFloor[index] as number).toFixed(3)}x the floor`;
      row.target = `>= ${MIN_RATIO.toFixed(2)}x openapi-fetch`;
      row.ok = toBase >= MIN_RATIO;
    }
    return row;
  });
}
