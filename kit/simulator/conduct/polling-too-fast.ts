// `polling/too-fast` (warning): a run polled at a steady interval under 1 s of Mode's time, or
// polled many times without backing off. Every poll costs one of the 40 requests per 10 s that
// the client's other work needs, and most runs take seconds to minutes. A poll is a read of one
// run while it had not ended; the read that first sees it ended is the last poll.
import { boundedSet, duration, keep, ordered, toEvidence } from "./evidence.js";
import type { ConductRule, Evidence } from "./types.js";

/** Steady polling faster than this (Mode's time) is too fast. */
export const MIN_POLL_INTERVAL_MS = 1_000;
/** This many polls with no growing interval is polling without backoff. */
export const POLLS_WITHOUT_BACKOFF = 10;

interface Polled {
  times: number[];
  count: number;
  ended: boolean;
  url: string;
  evidence: Evidence[];
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

export const pollingTooFast: ConductRule = {
  id: "polling/too-fast",
  severity: "warning",
  summary: "a run polled at a steady interval under 1 s of simulated time, or without backoff",
  create(context) {
    const runs = new Map<string, Polled>();
    return {
      observe(e) {
        if (!e.run || e.status !== 200) return;
        let polled = runs.get(e.run.token);
        if (polled?.ended) return;
        if (!polled) {
          polled = { times: [], count: 0, ended: false, url: e.url, evidence: [] };
          boundedSet(runs, e.run.token, polled, 2_000);
        }
        polled.count += 1;
        if (polled.times.length < 500) polled.times.push(e.arrivedAt);
        keep(polled.evidence, toEvidence(context, e, e.run.state));
        if (e.run.terminal) polled.ended = true;
      },
      findings() {
        const out = [];
        for (const polled of runs.values()) {
          const intervals = polled.times.slice(1).map((t, i) => t - (polled.times[i] ?? t));
          if (intervals.length < 2) continue;
          const typical = median(intervals);
          const first = intervals[0] ?? 0;
          const grows = intervals.some((interval) => interval > first * 1.2 + 50);
          let why: string | undefined;
          if (typical < MIN_POLL_INTERVAL_MS) {
            why = `was polled ${polled.count} times, typically every ${duration(typical)} of Mode's time (under ${duration(MIN_POLL_INTERVAL_MS)})`;
          } else if (intervals.length + 1 >= POLLS_WITHOUT_BACKOFF && !grows) {
            why = `was polled ${polled.count} times every ${duration(typical)} without ever waiting longer`;
          }
          if (why === undefined) continue;
          out.push({
            rule: "polling/too-fast",
            severity: "warning" as const,
            message: `The run at ${polled.url} ${why}. Wait at least 1 s before the first poll and let the wait grow (say 1.5 times per poll, up to 15 s).`,
            evidence: ordered(polled.evidence),
            count: polled.count,
          });
        }
        return out;
      },
    };
  },
};
