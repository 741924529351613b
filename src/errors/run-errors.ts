import type { ReportRun } from "../schema-types.js";

/**
 * Why `waitForRun` gave up on a run. These are not `ModeApiError`s: every request succeeded,
 * it is the run that failed or did not end in time. A request that fails while polling throws
 * its own `ModeApiError` instead.
 */
export type ModeRunErrorKind = "run_failed" | "run_timeout";

export interface ModeRunErrorInit {
  message: string;
  /** The run as last seen (redacted by the caller), if a poll answered at all. */
  run: ReportRun | undefined;
  /** How many polls were started (the last may have been cut short by the deadline). */
  polls: number;
}

/** The base class of `waitForRun`'s own errors; `kind` (or the subclass) tells them apart. */
export class ModeRunError extends Error {
  override name = "ModeRunError";
  readonly kind: ModeRunErrorKind = "run_failed";
  /** The run as last seen; its `state` is the terminal state for a failure. */
  readonly run: ReportRun | undefined;
  /** How many polls were started (the last may have been cut short by the deadline). */
  readonly polls: number;

  constructor(init: ModeRunErrorInit) {
    super(init.message);
    this.run = init.run;
    this.polls = init.polls;
  }

  /** `JSON.stringify(error)` gives the useful fields (Error's own `message` is not enumerable). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      polls: this.polls,
      run: this.run,
    };
  }
}

/** The run ended `failed` or `cancelled`; `run` is the finished run, always there. */
export class ModeRunFailedError extends ModeRunError {
  override name = "ModeRunFailedError";
  override readonly kind = "run_failed";
  /** The finished run; its `state` is `failed` or `cancelled`. */
  declare readonly run: ReportRun;

  constructor(init: ModeRunErrorInit & { run: ReportRun }) {
    super(init);
  }
}

/** The run had not ended when `timeoutMs` ran out; `run` is the last state seen, if any. */
export class ModeRunTimeoutError extends ModeRunError {
  override name = "ModeRunTimeoutError";
  override readonly kind = "run_timeout";
}
