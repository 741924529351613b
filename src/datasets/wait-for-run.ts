// Follows a report or Dataset run until it ends. Mode has no push notification a client can use,
// so this polls; the interval grows because most runs end quickly and long ones need no
// second-by-second watching, and every poll costs one of the 40 requests per 10 s.
import type { ModeClient } from "../client/create-mode-client.js";
import { DEFAULTS } from "../client/options.js";
import { ModeRunFailedError, ModeRunTimeoutError } from "../errors/run-errors.js";
import type { CallRecord } from "../client/transport.js";
import { redactValue } from "../internal/redact.js";
import { sleep } from "../internal/sleep.js";
import { checkDuration } from "../internal/timers.js";
import type { ReportRun } from "../schema-types.js";
import type { CallOptions } from "./call.js";
import { type DatasetRunTarget, fetchRun, type ReportRunTarget } from "./runs.js";

/** A run to follow: `{ account, report, run }` or `{ account, dataset, run }`. */
export type RunTarget = ReportRunTarget | DatasetRunTarget;

/**
 * How a run is waited for. `retry` and `headers` apply to each poll; `timeoutMs` is the whole
 * wait (each poll's attempts keep the client's own timeout).
 */
export interface WaitForRunOptions extends Pick<CallOptions, "retry" | "headers"> {
  /** The first wait, before the first poll. Default 1 000 ms. */
  intervalMs?: number | undefined;
  /** Each wait is the previous one times this (at least 1; 1 keeps it fixed). Default 1.5. */
  backoff?: number | undefined;
  /** The longest wait between polls. Default 15 000 ms. */
  maxIntervalMs?: number | undefined;
  /** Gives up with `ModeRunTimeoutError` this long after the call; `false` for never. Default 600 000 ms. */
  timeoutMs?: number | false | undefined;
  /** Aborts the wait (and a poll in flight) with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Called with the run after each poll (1-based), e.g. to report progress. */
  onPoll?: ((run: ReportRun, poll: number) => void) | undefined;
}

const SUCCEEDED = new Set(["succeeded", "completed"]);
const FAILED = new Set(["failed", "cancelled"]);

/** The wait before each poll: `intervalMs`, then times `backoff`, capped at `maxIntervalMs`. */
export function pollSchedule(options: WaitForRunOptions = {}): (poll: number) => number {
  const { intervalMs, backoff, maxIntervalMs } = resolve(options);
  return (poll) => Math.min(maxIntervalMs, intervalMs * backoff ** (poll - 1));
}

/**
 * How many polls the schedule fits into `elapsedMs`, each following one full wait: the most a
 * wait of that length may send (the tests and the bench hold waitForRun to it).
 */
export function pollsWithin(options: WaitForRunOptions, elapsedMs: number): number {
  const wait = pollSchedule(options);
  let spent = 0;
  let polls = 0;
  while (spent + wait(polls + 1) <= elapsedMs) spent += wait(++polls);
  return polls;
}

/**
 * Polls a report or Dataset run until its state is terminal and returns the finished run:
 * `succeeded` or `completed`. Throws `ModeRunFailedError` (carrying the run) on `failed` or
 * `cancelled`, `ModeRunTimeoutError` (carrying the last state seen) when `timeoutMs` runs out,
 * the signal's reason on abort, and a poll's own `ModeApiError`. Any other state keeps polling.
 * Each poll starts one full wait after the previous one ended, so there is never more than one
 * poll per wait; a poll the client retries (see `retry`) still counts as one.
 */
export async function waitForRun(
  client: ModeClient,
  target: RunTarget,
  options: WaitForRunOptions = {},
): Promise<ReportRun> {
  const settings = resolve(options);
  const schedule = pollSchedule(options);
  checkTarget(target);
  const caller = options.signal;
  caller?.throwIfAborted();
  // Aborted at the deadline, so a wait or a poll in flight ends there, not a poll later.
  const deadline = new AbortController();
  const timer =
    settings.timeoutMs === false
      ? undefined
      : setTimeout(() => deadline.abort(), settings.timeoutMs);
  const signal = caller ? AbortSignal.any([caller, deadline.signal]) : deadline.signal;
  const what = describe(target);
  const each: CallOptions = { signal, retry: options.retry, headers: options.headers };
  let last: { run: ReportRun; record: CallRecord } | undefined;
  let polls = 0;
  try {
    for (;;) {
      await sleep(schedule(polls + 1), signal);
      polls++;
      last = await fetchRun(client, target, each);
      options.onPoll?.(last.run, polls);
      const { state } = last.run;
      if (SUCCEEDED.has(state)) return last.run;
      if (FAILED.has(state)) {
        throw new ModeRunFailedError({
          message: `${what} ended ${state} (after ${plural(polls, "poll")})`,
          run: redacted(last),
          polls,
        });
      }
    }
  } catch (error) {
    if (caller?.aborted) throw caller.reason;
    if (deadline.signal.aborted && !(error instanceof ModeRunFailedError)) {
      const run = last && redacted(last);
      const seen = run ? `last seen ${JSON.stringify(run.state)}` : "never seen";
      throw new ModeRunTimeoutError({
        message: `${what} had not ended after timeoutMs ${String(settings.timeoutMs)} (${plural(polls, "poll")}, ${seen})`,
        run,
        polls,
      });
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function resolve(options: WaitForRunOptions) {
  const intervalMs = options.intervalMs ?? DEFAULTS.waitForRun.intervalMs;
  const backoff = options.backoff ?? DEFAULTS.waitForRun.backoff;
  const maxIntervalMs = options.maxIntervalMs ?? DEFAULTS.waitForRun.maxIntervalMs;
  const timeoutMs = options.timeoutMs ?? DEFAULTS.waitForRun.timeoutMs;
  checkDuration("waitForRun intervalMs", intervalMs, true);
  checkDuration("waitForRun maxIntervalMs", maxIntervalMs, true);
  if (timeoutMs !== false) checkDuration("waitForRun timeoutMs", timeoutMs, true);
  if (maxIntervalMs < intervalMs) {
    throw new RangeError(
      `waitForRun maxIntervalMs ${maxIntervalMs} is invalid; expected at least intervalMs (${intervalMs})`,
    );
  }
  if (typeof backoff !== "number" || !Number.isFinite(backoff) || backoff < 1) {
    throw new RangeError(
      `waitForRun backoff ${String(backoff)} is invalid; expected a finite number of at least 1`,
    );
  }
  const onPoll: unknown = options.onPoll;
  if (onPoll !== undefined && typeof onPoll !== "function") {
    throw new TypeError(`waitForRun onPoll has type ${typeof onPoll}; expected a function`);
  }
  return { intervalMs, backoff, maxIntervalMs, timeoutMs };
}

// A target with both a report and a Dataset (or neither) is ambiguous; the token checks
// themselves are the client's (path parameters are checked before anything is sent).
function checkTarget(target: unknown): void {
  const keys = target !== null && typeof target === "object" ? target : {};
  if ("report" in keys === "dataset" in keys) {
    throw new TypeError(
      "waitForRun target is invalid; expected { account, report, run } or { account, dataset, run }",
    );
  }
}

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? "" : "s"}`;

function describe(target: RunTarget): string {
  return "report" in target
    ? `Run ${target.run} of report ${target.report}`
    : `Run ${target.run} of Dataset ${target.dataset}`;
}

// The run goes into an error, which callers log: the credentials a server echoed into it are
// redacted as in every other error, with the credentials the poll's request carried.
function redacted(last: { run: ReportRun; record: CallRecord }): ReportRun {
  return redactValue(last.run, last.record.secrets) as ReportRun;
}
