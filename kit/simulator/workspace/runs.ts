// A run's life over Mode's time: `enqueued` while it waits for a worker and while its queries run
// (Mode's word for both; a fresh run answers with it), then `succeeded` or `failed`. `pending`
// means created and not yet queued, which comes before `enqueued`, never after it, so a run
// never shows it here. Nothing moves a run along: its state is read from the clock, so no timer
// is left running and a run's history is the same however often it is polled.
import type { RunRecord } from "./types.js";

export type RunState = "enqueued" | "succeeded" | "failed";

export const TERMINAL_STATES: ReadonlySet<string> = new Set(["succeeded", "failed"]);

/** The state of `run` at `now`, and when it entered it. */
export function runStateAt(run: RunRecord, now: number): { state: RunState; since: number } {
  const ended = run.createdAt + run.queuedMs + run.runningMs;
  if (now < ended) return { state: "enqueued", since: run.createdAt };
  return { state: run.outcome, since: ended };
}

/** When the run ended, or null while it is still going at `now`. */
export function runEndedAt(run: RunRecord, now: number): number | null {
  const ended = run.createdAt + run.queuedMs + run.runningMs;
  return now >= ended ? ended : null;
}
