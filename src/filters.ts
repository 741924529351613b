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
/** A filter string as Mode expects it: what the helpers return, and literals in its grammar. */
export type ModeFilter = `${FilterField}.${FilterOperator}.${string}`;

declare const unchecked: unique symbol;
/** A filter the spec's grammar does not know, sent as written: made by `uncheckedFilter`. */
export type UncheckedFilter = string & { readonly [unchecked]: true };
/**
 * What a listing's `filter` parameter takes: a helper's output or a literal in Mode's grammar
 * (a misspelt field or operator does not compile), or, spelled out, an `uncheckedFilter`.
 */
export type FilterParam = ModeFilter | UncheckedFilter;
/** A `Date`, an ISO 8601 string (date, or date-time with `Z` or an offset) or epoch milliseconds. */
export type DateInput = Date | string | number;

/** `filter` value selecting items with `field` after (`gt`) or before (`lt`) `date`. */
export function filterBy(
  field: FilterField,
  operator: FilterOperator,
  date: DateInput,
): ModeFilter {
  oneOf("filter field", field, FILTER_FIELDS);
  oneOf("filter operator", operator, FILTER_OPERATORS);
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

/**
 * A `filter` sent as written, for a field or operator Mode accepts but the spec does not know
 * yet (`uncheckedFilter("id.gt.5")`). Nothing checks it: a mistake comes back as Mode's 400.
 */
export function uncheckedFilter(text: string): UncheckedFilter {
  if (typeof text !== "string")
    throw new TypeError(
      `uncheckedFilter takes a string; got ${describe(text)} of type ${typeof text}`,
    );
  return text as UncheckedFilter;
}

/** The `order_by` and `order` query parameters, ready to spread into `query`. */
export function orderBy<F extends FilterField, D extends OrderDirection>(
  field: F,
  direction: D,
): { order_by: F; order: D } {
  oneOf("order_by field", field, FILTER_FIELDS);
  oneOf("order direction", direction, ORDER_DIRECTIONS);
  return { order_by: field, order: direction };
}

// Date-only is read as UTC midnight (as JavaScript does); a date-time must carry Z or an offset,
// because JavaScript would otherwise read it in the machine's local zone. Hours stop at 23:
// JavaScript reads 24:00 as the next day.
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d))?$/;
// toISOString widens years outside 0000-9999 to "+275760-..." which the pattern rejects.
const LOWEST = -62_167_219_200_000; // 0000-01-01T00:00:00.000Z
const HIGHEST = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z

/** UTC ISO 8601 with milliseconds and `Z`, as Mode writes timestamps. */
export function toUtcIso(date: DateInput): string {
  const ms = toEpochMs(date);
  if (!(ms >= LOWEST && ms <= HIGHEST))
    throw new RangeError(
      `Date ${describe(date)} is outside years 0000-9999; expected a date Mode can store`,
    );
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
    if (!Number.isFinite(date))
      throw new RangeError(
        `Epoch milliseconds ${date} is not a finite number; expected e.g. ${Date.UTC(2024, 0, 1)}`,
      );
    return Math.trunc(date);
  }
  if (typeof date !== "string")
    throw new TypeError(
      `Date ${describe(date)} has type ${date === null ? "null" : typeof date}; expected a Date, an ISO 8601 string or epoch milliseconds`,
    );
  const match = ISO_8601.exec(date);
  const [, year, month, day] = (match ?? []).map(Number);
  // Date.parse reads "2024-02-30" as March 1st, so the day must survive a round trip.
  const midnight = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 0));
  if (!match || midnight.getUTCMonth() !== (month ?? 0) - 1 || midnight.getUTCDate() !== day)
    throw new RangeError(
      `Date string ${JSON.stringify(date)} is not a valid ISO 8601 date with a time zone; expected e.g. "2024-09-02" or "2024-09-02T07:38:43.722Z"`,
    );
  return Date.parse(date);
}

function oneOf<T extends string>(what: string, value: unknown, allowed: readonly T[]): void {
  if (typeof value !== "string")
    throw new TypeError(
      `${what} ${describe(value)} is not a string; expected one of ${allowed.join(", ")}`,
    );
  if (!(allowed as readonly string[]).includes(value))
    throw new RangeError(
      `Unknown ${what} ${JSON.stringify(value)}; expected one of ${allowed.join(", ")}`,
    );
}

function describe(value: unknown): string {
  if (isDate(value)) {
    const ms = Date.prototype.getTime.call(value);
    return Number.isNaN(ms) ? "Invalid Date" : new Date(ms).toISOString();
  }
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

// A Date from another realm (a vm context, an iframe, some test runners) fails `instanceof Date`;
// its internal brand, which Object.prototype.toString reports, is the same in every realm.
function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === "[object Date]";
}
