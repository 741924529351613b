// `rate-limit/retry-after-ignored` (error): a request sent on the same credential before a 429's
// `Retry-After` ran out. A request sent within a moment of the 429 on another connection may have
// been in flight before the client read it, so it is not counted; one on the same connection, or
// after that moment, was sent by a client that had the answer and went on anyway. The moment is
// 100 ms counted in time the server sat idle: a client that opens hundreds of connections at once
// has them all on their way before any 429 comes back, however late a busy server reads the last,
// and a server busy the whole time never had a quiet moment in which the next one was not yet
// sent. In process nothing queues, and all time counts.
import { boundedSet, duration, keep, ordered, toEvidence } from "./evidence.js";
import type { ConductRule, Evidence, Exchange } from "./types.js";

/** How long (machine ms, counted while the server sat idle) a request may trail a 429 elsewhere. */
export const IN_FLIGHT_GRACE_MS = 100;

interface Pause {
  from: Exchange;
  /** Mode's time when the wait runs out. */
  until: number;
}

interface PerCredential {
  /**
   * The oldest 429 whose wait has not run out: a client that hammers earns a new 429 every few
   * milliseconds, each too recent to judge by, but the first one of the spell it ignored.
   */
  first: Pause | undefined;
  /** The latest few 429s, newest last. */
  pauses: Pause[];
  count: number;
  earliestMs: number;
  askedMs: number;
  evidence: Evidence[];
  seen: Set<number>;
}

function sentDuring(pause: Pause, e: Exchange): boolean {
  if (e.arrivedAt >= pause.until) return false;
  if (e.connection !== undefined && e.connection === pause.from.connection) {
    return e.realArrivedAt >= pause.from.realAnsweredAt;
  }
  return e.realIdleArrived > pause.from.realIdleAnswered + IN_FLIGHT_GRACE_MS;
}

export const retryAfterIgnored: ConductRule = {
  id: "rate-limit/retry-after-ignored",
  severity: "error",
  summary: "a request sent on the same credential before a 429's Retry-After ran out",
  create(context) {
    const credentials = new Map<string, PerCredential>();
    return {
      observe(e) {
        if (e.credential === null) return;
        let state = credentials.get(e.credential);
        if (state?.first && e.arrivedAt >= state.first.until) {
          state.first = state.pauses.find((p) => e.arrivedAt < p.until);
        }
        const candidates = state ? [...(state.first ? [state.first] : []), ...state.pauses] : [];
        const pause = candidates.find((p) => p.from.seq !== e.seq && sentDuring(p, e));
        if (state && pause) {
          state.count += 1;
          const early = e.arrivedAt - pause.from.answeredAt;
          if (early < state.earliestMs) {
            state.earliestMs = early;
            state.askedMs = pause.until - pause.from.answeredAt;
          }
          if (!state.seen.has(pause.from.seq)) {
            state.seen.add(pause.from.seq);
            keep(
              state.evidence,
              toEvidence(
                context,
                pause.from,
                `429 asking to wait ${duration(pause.until - pause.from.answeredAt)}`,
              ),
            );
          }
          keep(
            state.evidence,
            toEvidence(
              context,
              e,
              `sent ${duration(early)} after the 429, ${duration(pause.until - e.arrivedAt)} too soon`,
            ),
          );
        }
        if (e.status === 429 && e.retryAfterMs !== null) {
          state ??= {
            first: undefined,
            pauses: [],
            count: 0,
            earliestMs: Number.POSITIVE_INFINITY,
            askedMs: 0,
            evidence: [],
            seen: new Set(),
          };
          const pause = { from: e, until: e.answeredAt + e.retryAfterMs };
          state.first ??= pause;
          state.pauses.push(pause);
          if (state.pauses.length > 8) state.pauses.shift();
          if (state.seen.size > 1_000) state.seen.clear();
          boundedSet(credentials, e.credential, state, 1_000);
        }
      },
      findings() {
        return [...credentials]
          .filter(([, s]) => s.count > 0)
          .map(([credential, s]) => ({
            rule: "rate-limit/retry-after-ignored",
            severity: "error" as const,
            message:
              `${s.count} request(s) on ${credential} were sent before a 429's Retry-After ran out; ` +
              `the earliest came ${duration(s.earliestMs)} (Mode's time) after a 429 that asked for ${duration(s.askedMs)}. ` +
              "Wait as long as Retry-After says before sending anything more on that credential.",
            evidence: ordered(s.evidence),
            count: s.count,
          }));
      },
    };
  },
};
