/**
 * Helpers for Mode's `filter` mini-language (`created_at.gt.2024-01-01T00:00:00.000Z`) and the
 * `order_by`/`order` pair. Output always matches the spec's `filter` pattern; bad input throws
 * before a request is built.
 */
export const FILTER_FIELDS = ["created_at", "updated_at"] as const;
export const FILTER_OPERATORS = ["gt", "lt"] as const;
export const ORDER_DIRECTIONS = ["asc", "desc"] as const;

export type FilterField = (typeof FILTER_FIELDS)[number];
export type FilterOperator = (typeof FILTER_OPERATORS)[number];
export type OrderDirection = (typeof ORDER_DIRECTIONS)[number];
/** A filter string as Mode expects it. */
export type ModeFilter = `${FilterField}.${FilterOperator}.${string}`;
/** A `Date`, an ISO 8601 string (date, or date-time with `Z` or an offset) or epoch milliseconds. */
export type DateInput = Date | string | number;

/** `filter` value selecting items with `field` after (`gt`) or before (`lt`) `date`. */
export function filterBy(
  field: FilterField,
  operator: FilterOperator,
  date: DateInput,
): ModeFilter {
  assertOneOf("filter field", field, FILTER_FIELDS);
  assertOneOf("filter operator", operator, FILTER_OPERATORS);
  return `${field}.${operator}.${toUtcIso(date)}`;
}

/** `filter` for items created strictly after `date`. */
export const createdAfter = (date: DateInput): ModeFilter => filterBy("created_at", "gt", date);
/** `filter` for items created strictly before `date`. */
export const createdBefore = (date: DateInput): ModeFilter => filterBy("created_at", "lt", date);
/** `filter` for items updated strictly after `date`. */
export const updatedAfter = (date: DateInput): ModeFilter => filterBy("updated_at", "gt", date);
/** `filter` for items updated strictly before `date`. */
export const updatedBefore = (date: DateInput): ModeFilter => filterBy("updated_at", "lt", date);

/** The `order_by` and `order` query parameters, ready to spread into `query`. */
export function orderBy<F extends FilterField, D extends OrderDirection>(
  field: F,
  direction: D,
): { order_by: F; order: D } {
  assertOneOf("order_by field", field, FILTER_FIELDS);
  assertOneOf("order direction", direction, ORDER_DIRECTIONS);
  return { order_by: field, order: direction };
}

// Date-only is read as UTC midnight (as JavaScript does); a date-time must carry Z or an offset,
// because JavaScript would otherwise read it in the machine's local zone.
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2})))?$/;
// toISOString widens years outside 0000-9999 to "+275760-..." which the pattern rejects.
const LOWEST = -62_167_219_200_000; // 0000-01-01T00:00:00.000Z
const HIGHEST = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z

/** UTC ISO 8601 with milliseconds and `Z`, as Mode writes timestamps. */
export function toUtcIso(date: DateInput): string {
  const ms = toEpochMs(date);
  if (ms < LOWEST || ms > HIGHEST) {
    throw new RangeError(
      `Date ${describe(date)} is outside years 0000-9999; expected a date Mode can store`,
    );
  }
  return new Date(ms).toISOString();
}

function toEpochMs(date: DateInput): number {
  if (isDate(date)) {
    const ms = Date.prototype.getTime.call(date);
    if (Number.isNaN(ms))
      throw new RangeError(
        "Invalid Date given; expected a valid Date, ISO 8601 string or epoch milliseconds",
      );
    return ms;
  }
  if (typeof date === "number") {
    if (!Number.isFinite(date)) {
      throw new RangeError(
        `Epoch milliseconds ${String(date)} is not a finite number; expected e.g. ${Date.UTC(2024, 0, 1)}`,
      );
    }
    return Math.trunc(date);
  }
  if (typeof date === "string") return parseIso(date);
  throw new TypeError(
    `Date ${describe(date)} has type ${date === null ? "null" : typeof date}; expected a Date, an ISO 8601 string or epoch milliseconds`,
  );
}

function parseIso(text: string): number {
  const match = ISO_8601.exec(text);
  const bad = (why: string): RangeError =>
    new RangeError(
      `Date string ${JSON.stringify(text)} ${why}; expected ISO 8601 such as "2024-09-02" or "2024-09-02T07:38:43.722Z"`,
    );
  if (!match) throw bad("is not ISO 8601 with a time zone");
  const [, y, mo, d, h = "0", mi = "0", s = "0", , oh = "0", om = "0"] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12) throw bad(`has month ${mo}`);
  if (day < 1 || day > daysInMonth(year, month))
    throw bad(`has day ${d}, which ${y}-${mo} does not have`);
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) throw bad("has an out-of-range time");
  if (Number(oh) > 23 || Number(om) > 59) throw bad("has an out-of-range offset");
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw bad("cannot be read");
  return ms;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Date.parse happily reads "2024-02-30" as March 1st, so the day is checked by hand.
function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 31);
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function assertOneOf<T extends string>(
  what: string,
  value: unknown,
  allowed: readonly T[],
): asserts value is T {
  if (typeof value !== "string") {
    throw new TypeError(
      `${what} ${describe(value)} is not a string; expected one of ${allowed.join(", ")}`,
    );
  }
  if (!(allowed as readonly string[]).includes(value)) {
    throw new RangeError(
      `Unknown ${what} ${JSON.stringify(value)}; expected one of ${allowed.join(", ")}`,
    );
  }
}

function describe(value: unknown): string {
  if (isDate(value)) {
    const ms = Date.prototype.getTime.call(value);
    return Number.isNaN(ms) ? "Invalid Date" : new Date(ms).toISOString();
  }
  if (typeof value === "string") return JSON.stringify(value);
  return String(value);
}

// A Date from another realm (a vm context, an iframe, some test runners) fails `instanceof Date`;
// its internal brand, which Object.prototype.toString reports, is the same in every realm.
function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === "[object Date]";
}
