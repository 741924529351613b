// A timestamp in a query parameter that names no real moment: `2019-02-31`, `2023-02-29`,
// `2024-04-31`. A regular expression cannot know how long each month is, so the spec's pattern
// (which Prism checks) lets these through; this rule does the calendar arithmetic. It reads only
// values that already match the parameter's pattern: a value of the wrong shape is Prism's to
// report, and reporting it twice would only add noise.
import type { SpecObject } from "./spec-index.js";
import type { Rule } from "./types.js";

const TIMESTAMP = /(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/g;

const isLeapYear = (year: number): boolean =>
  (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/** Why `text` (one timestamp match) is not a real moment, or undefined when it is one. */
export function calendarProblem(text: string): string | undefined {
  const [, y, mo, d, h, mi, s] = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(
    text,
  ) ?? [undefined];
  if (y === undefined || mo === undefined || d === undefined) return undefined;
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  if (month < 1 || month > 12) return `month ${mo} does not exist`;
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    return `${y}-${mo} has ${last} days, so day ${d} does not exist`;
  }
  // Mode's timestamps are UTC, which has no leap seconds in ISO 8601 text, so 60 is refused too.
  if (h !== undefined && Number(h) > 23) return `hour ${h} does not exist`;
  if (mi !== undefined && Number(mi) > 59) return `minute ${mi} does not exist`;
  if (s !== undefined && Number(s) > 59) return `second ${s} does not exist`;
  return undefined;
}

function matchesPattern(value: string, schema: SpecObject): boolean {
  const pattern = schema["pattern"];
  if (typeof pattern !== "string") return true;
  try {
    return new RegExp(pattern, "u").test(value);
  } catch {
    // A pattern JavaScript cannot compile: let the calendar check run rather than go quiet.
    return true;
  }
}

export const calendarTimestamp: Rule = {
  id: "calendar-timestamp",
  severity: "error",
  summary: "a timestamp in a query parameter that is not a real calendar moment",
  check: ({ request, operation }) => {
    if (!operation) return [];
    return request.query.flatMap(([name, value]) => {
      const parameter = operation.query.get(name);
      if (!parameter || !matchesPattern(value, parameter.schema)) return [];
      return [...value.matchAll(TIMESTAMP)].flatMap(([text]) => {
        const problem = calendarProblem(text);
        return problem
          ? [
              {
                location: `request.query.${name}`,
                message: `\`${text}\` in \`${name}\` is not a real moment: ${problem}.`,
              },
            ]
          : [];
      });
    });
  },
};
