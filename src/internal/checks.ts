// The checks many options share, with one shape of message: the name, the value, and what was
// expected, so each call site states only what differs.

/**
 * The longest delay a timer can hold. Node (and browsers) run a longer `setTimeout` after 1 ms,
 * so a larger timeout would fire at once and a larger wait would not be waited.
 */
export const MAX_TIMER_MS = 2_147_483_647;

/** `${name} ${value} is invalid; expected ${expected}`, as a RangeError (or `Type`). */
export function invalid(
  name: string,
  value: unknown,
  expected: string,
  Type: new (message: string) => Error = RangeError,
): Error {
  return new Type(`${name} ${String(value)} is invalid; expected ${expected}`);
}

/** Refuses anything but a whole number of at least `min`. */
export function checkWholeNumber(name: string, value: unknown, min = 1): void {
  if (!Number.isSafeInteger(value) || (value as number) < min)
    throw invalid(name, value, `a whole number of at least ${min}`);
}

/**
 * Refuses a duration that is not a number of milliseconds a timer holds; `positive` refuses 0
 * as well.
 */
export function checkDuration(name: string, value: unknown, positive: boolean): void {
  if (!(typeof value === "number" && (positive ? value > 0 : value >= 0) && value <= MAX_TIMER_MS))
    throw invalid(
      name,
      value,
      `${positive ? "a positive number of milliseconds" : "milliseconds >= 0"} up to ${MAX_TIMER_MS} (about 24.8 days, the longest a timer holds)`,
    );
}
