// What the timeline page draws, kept as the requests come: a compact record of each of the
// latest requests (the oldest drop off past `MAX_TIMELINE`, so a simulator serving for hours
// stays small), each 429's `Retry-After` pause, and how many requests there were in all.
import type { Exchange, RuleContext } from "../conduct/types.js";

export const MAX_TIMELINE = 5_000;

export type RequestKind = "read" | "write" | "poll" | "listing";

export interface TimelineEntry {
  seq: number;
  /** Mode's milliseconds since the simulator started. */
  t: number;
  /** Milliseconds the answer took, in Mode's time. */
  took: number;
  method: string;
  url: string;
  status: number | "reset";
  kind: RequestKind;
  credential: string | null;
  /** On a 429: how long it asked the client to wait, Mode's milliseconds. */
  retryAfterMs: number | null;
  fault: string | null;
}

export interface Timeline {
  record(exchange: Exchange): void;
  entries(): readonly TimelineEntry[];
  /** Requests seen in all, including those no longer in `entries`. */
  total(): number;
  readonly start: number;
  readonly limit: number;
  readonly windowMs: number;
}

const kindOf = (e: Exchange): RequestKind =>
  e.write ? "write" : e.run ? "poll" : e.listing ? "listing" : "read";

export function createTimeline(context: RuleContext): Timeline {
  // A ring: once full, each new entry overwrites the oldest, in constant time.
  const ring: TimelineEntry[] = [];
  let total = 0;
  return {
    start: context.start,
    limit: context.limit,
    windowMs: context.windowMs,
    record(e) {
      const entry: TimelineEntry = {
        seq: e.seq,
        t: e.arrivedAt - context.start,
        took: e.answeredAt - e.arrivedAt,
        method: e.method,
        url: e.url,
        status: e.status,
        kind: kindOf(e),
        credential: e.credential,
        retryAfterMs: e.retryAfterMs,
        fault: e.fault,
      };
      ring[total % MAX_TIMELINE] = entry;
      total += 1;
    },
    entries: () =>
      total <= MAX_TIMELINE
        ? ring
        : [...ring.slice(total % MAX_TIMELINE), ...ring.slice(0, total % MAX_TIMELINE)],
    total: () => total,
  };
}
