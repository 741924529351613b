// Turning exchanges into evidence, and keeping evidence lists short: a hammering client sends
// thousands of requests, and a finding names the first few of them.
import type { ConductFinding, Evidence, Exchange, RuleContext } from "./types.js";
import { MAX_EVIDENCE } from "./types.js";

export function toEvidence(context: RuleContext, e: Exchange, note?: string): Evidence {
  return {
    seq: e.seq,
    at: new Date(e.arrivedAt).toISOString(),
    t: e.arrivedAt - context.start,
    method: e.method,
    url: e.url,
    status: e.status,
    ...(note === undefined ? {} : { note }),
  };
}

/** Adds to a bounded list: the first `MAX_EVIDENCE` are kept. */
export function keep(list: Evidence[], evidence: Evidence, max = MAX_EVIDENCE): void {
  if (list.length < max) list.push(evidence);
}

/** Seconds of Mode's time, for messages: `1.2 s`, `450 ms`. */
export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/** Evidence in arrival order, first `MAX_EVIDENCE`. */
export function ordered(evidence: Evidence[]): Evidence[] {
  return [...evidence].sort((a, b) => a.seq - b.seq).slice(0, MAX_EVIDENCE);
}

/** A bounded map: past `max` entries the oldest (or the first `evictable` one) is dropped. */
export function boundedSet<K, V>(
  map: Map<K, V>,
  key: K,
  value: V,
  max: number,
  evictable?: (v: V) => boolean,
): void {
  if (!map.has(key) && map.size >= max) {
    let victim: K | undefined;
    if (evictable) {
      for (const [k, v] of map) {
        if (evictable(v)) {
          victim = k;
          break;
        }
      }
    }
    map.delete(victim ?? (map.keys().next().value as K));
  }
  map.set(key, value);
}

export type { ConductFinding };
