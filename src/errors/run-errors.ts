import type { QueryRun, ReportRun } from "../schema-types.js";

/**
 * Why `waitForRun` gave up on a run, or why a run's rows cannot be read. These are not
 * `ModeApiError`s: every request succeeded, it is the run that failed, did not end in time, or
 * has no rows to give. A request that fails on the way throws its own `ModeApiError` instead.
 */
export type ModeRunErrorKind = "run_failed" | "run_timeout" | "run_not_succeeded";

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

/**
 * The rows of a run were asked for, and it has none to give: it failed or was cancelled, has not
 * finished, or (when no run was named) the Dataset or report never ran successfully. Rows are
 * never read from such a run: an empty result would look like a real one.
 */
export class ModeRunNotSucceededError extends ModeRunError {
  override name = "ModeRunNotSucceededError";
  override readonly kind = "run_not_succeeded";
  /** The run's state (`failed`, `cancelled`, `pending`, ...); undefined when no run succeeded ever. */
  readonly state: string | undefined;
  /** The query run, when a query run's rows were asked for. */
  readonly queryRun: QueryRun | undefined;

  constructor(init: ModeRunErrorInit & { state: string | undefined; queryRun?: QueryRun }) {
    super(init);
    this.state = init.state;
    this.queryRun = init.queryRun;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), state: this.state, queryRun: this.queryRun };
  }
}
