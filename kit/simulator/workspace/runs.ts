// A run's life over Mode's time: `enqueued` while it waits for a worker, `pending` while its query
// runs, then `succeeded` or `failed`. Nothing moves it along: its state is read from the clock,
// so no timer is left running and a run's history is the same however often it is polled.
import type { RunRecord } from "./types.js";

export type RunState = "enqueued" | "pending" | "succeeded" | "failed";

export const TERMINAL_STATES: ReadonlySet<string> = new Set(["succeeded", "failed"]);

/** The state of `run` at `now`, and when it entered it. */
export function runStateAt(run: RunRecord, now: number): { state: RunState; since: number } {
  const started = run.createdAt + run.queuedMs;
  const ended = started + run.runningMs;
  if (now < started) return { state: "enqueued", since: run.createdAt };
  if (now < ended) return { state: "pending", since: started };
  return { state: run.outcome, since: ended };
}

/** When the run ended, or null while it is still going at `now`. */
export function runEndedAt(run: RunRecord, now: number): number | null {
  const ended = run.createdAt + run.queuedMs + run.runningMs;
  return now >= ended ? ended : null;
}
