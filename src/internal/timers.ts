/**
 * The longest delay a timer can hold. Node (and browsers) run a longer `setTimeout` after 1 ms,
 * so a larger timeout would fire at once and a larger wait would not be waited.
 */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * Refuses a duration option that is not a finite number of milliseconds within what a timer
 * holds; `positive` refuses 0 as well. The message names the option.
 */
export function checkDuration(name: string, value: number, positive: boolean): void {
  const low = positive ? value <= 0 : value < 0;
  if (typeof value !== "number" || !Number.isFinite(value) || low || value > MAX_TIMER_MS) {
    throw new RangeError(
      `${name} ${String(value)} is invalid; expected ${positive ? "a positive number of milliseconds" : "milliseconds >= 0"} up to ${MAX_TIMER_MS} (about 24.8 days, the longest a timer holds)`,
    );
  }
}
