// `rate-limit/exceeded` (warning): how many 429s a credential earned, and how far over the limit
// it went at its busiest: the most requests it sent within any one window of Mode's time, counted
// in tenths of the window so a client sending thousands of requests costs a fixed amount of memory.
import { boundedSet, keep, ordered, toEvidence } from "./evidence.js";
import type { ConductRule, Evidence } from "./types.js";

const BUCKETS = 10;

interface PerCredential {
  rejected: number;
  peak: number;
  /** Arrivals per bucket (a tenth of the window), for the last window. */
  buckets: Array<{ index: number; count: number }>;
  inWindow: number;
  evidence: Evidence[];
}

export const rateLimitExceeded: ConductRule = {
  id: "rate-limit/exceeded",
  severity: "warning",
  summary: "429s earned, and how far over the limit the client went",
  create(context) {
    const bucketMs = context.windowMs / BUCKETS;
    const credentials = new Map<string, PerCredential>();
    return {
      observe(e) {
        if (e.credential === null) return;
        let state = credentials.get(e.credential);
        if (!state) {
          state = { rejected: 0, peak: 0, buckets: [], inWindow: 0, evidence: [] };
          boundedSet(credentials, e.credential, state, 1_000, (s) => s.rejected === 0);
        }
        const index = Math.floor((e.arrivedAt - context.start) / bucketMs);
        while (state.buckets.length > 0 && (state.buckets[0]?.index ?? index) <= index - BUCKETS) {
          state.inWindow -= state.buckets.shift()?.count ?? 0;
        }
        const last = state.buckets[state.buckets.length - 1];
        if (last && last.index === index) last.count += 1;
        else state.buckets.push({ index, count: 1 });
        state.inWindow += 1;
        state.peak = Math.max(state.peak, state.inWindow);
        if (e.status === 429) {
          state.rejected += 1;
          keep(state.evidence, toEvidence(context, e, "429"));
        }
      },
      findings() {
        return [...credentials]
          .filter(([, s]) => s.rejected > 0)
          .map(([credential, s]) => ({
            rule: "rate-limit/exceeded",
            severity: "warning" as const,
            message:
              `${credential} earned ${s.rejected} 429(s). At its busiest it sent about ${s.peak} requests within ${context.windowMs / 1000} s of Mode's time, ` +
              `${(s.peak / context.limit).toFixed(1)} times the limit of ${context.limit}. Pace requests to ${context.limit} per ${context.windowMs / 1000} s, or at least honour Retry-After.`,
            evidence: ordered(s.evidence),
            count: s.rejected,
          }));
      },
    };
  },
};
