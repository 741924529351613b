// The options of every results call: those of any call, and the bounds on what a body may make
// the client hold. Declared once, with their defaults.
import type { CallOptions } from "../datasets/call.js";

/** Per-call options of the results methods. */
export interface ResultsOptions extends CallOptions {
  /**
   * Stop with `ModeResponseTooLargeError` once the rows have taken more than this many bytes,
   * counted after decompression (gzip, or a ZIP's entry); `false` for no limit. Memory stays flat
   * whatever the size, so this bounds time and disk, not memory. Default `false`. (The client's
   * `maxResponseBytes` does not apply to result content.)
   */
  maxBytes?: number | false | undefined;
  /**
   * The longest row, in characters (a CSV record with its separators, or a JSON row object as
   * written); a longer one stops with `ModeResponseTooLargeError`. It bounds the memory one row
   * can take, so a body with no line breaks (a decompression bomb) ends here. Checked as the
   * body arrives, so it can pass by up to one read of the body. Default 16 777 216 (16 Mi).
   */
  maxRowLength?: number | undefined;
}

export const RESULTS_DEFAULTS = {
  maxBytes: false,
  // Far above any real row (Mode caps a cell's text well below this) and far below what would
  // strain a process: one row in memory at a time is at most a few times this.
  maxRowLength: 16 * 1024 * 1024,
} as const;

export interface ResolvedResultsLimits {
  maxBytes: number | false;
  maxRowLength: number;
}

/** The limits of one call, checked; each bad value is named. */
export function resultsLimits(options: ResultsOptions | undefined): ResolvedResultsLimits {
  const maxBytes = options?.maxBytes ?? RESULTS_DEFAULTS.maxBytes;
  const maxRowLength = options?.maxRowLength ?? RESULTS_DEFAULTS.maxRowLength;
  if (maxBytes !== false && !(Number.isSafeInteger(maxBytes) && maxBytes > 0))
    throw new RangeError(
      `maxBytes ${String(maxBytes)} is invalid; expected a whole number of bytes of at least 1, or false`,
    );
  if (!(Number.isSafeInteger(maxRowLength) && maxRowLength > 0))
    throw new RangeError(
      `maxRowLength ${String(maxRowLength)} is invalid; expected a whole number of characters of at least 1`,
    );
  return { maxBytes, maxRowLength };
}
