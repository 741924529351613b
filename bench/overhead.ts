import { fixed, type Row } from "./report.js";
import type { BenchServer } from "./server-process.js";
import { median, rate } from "./stats.js";
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
 * are compared with the same round's raw fetch and openapi-fetch, and the medians are reported.
 */
export async function measureOverhead(
  server: BenchServer,
  concurrency: number,
  settings: OverheadSettings,
): Promise<Row[]> {
  const variants = getVariants(server.origin);
  for (const variant of variants) await rate(variant.get, settings.warmup, concurrency);
  const rates = variants.map(() => [] as number[]);
  const ratios = variants.map(() => [] as number[]);
  // Each variant against bare openapi-fetch, which the client is built on: for the client, our
  // layers' own cost.
  const toOpenapiFetch = variants.map(() => [] as number[]);
  for (let round = 0; round < settings.rounds; round++) {
    const thisRound: number[] = [];
    for (let step = 0; step < variants.length; step++) {
      const index = (round + step) % variants.length;
      thisRound[index] = await rate(
        (variants[index] as (typeof variants)[number]).get,
        settings.requests,
        concurrency,
      );
    }
    const raw = thisRound[0] as number;
    const openapiFetch = thisRound[1] as number;
    thisRound.forEach((value, index) => {
      rates[index]?.push(value);
      ratios[index]?.push(value / raw);
      toOpenapiFetch[index]?.push(value / openapiFetch);
    });
  }
  const section = `overhead, concurrency ${concurrency}`;
  return variants.map((variant, index) => {
    const reqs = median(rates[index] as number[]);
    const ratio = median(ratios[index] as number[]);
    const row: Row = {
      section,
      measure: `${variant.name} req/s (ratio to raw fetch)`,
      value: `${fixed(reqs)} (${ratio.toFixed(3)}x)`,
    };
    // Raw fetch and openapi-fetch are the baselines; the variants built on openapi-fetch are
    // also given as a share of it.
    if (index < 2) return row;
    const toBase = median(toOpenapiFetch[index] as number[]);
    row.value += `; ${toBase.toFixed(3)}x openapi-fetch`;
    if (variant.name === "createModeClient") {
      row.target = `>= ${MIN_RATIO.toFixed(2)}x openapi-fetch`;
      row.ok = toBase >= MIN_RATIO;
    }
    return row;
  });
}
