import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createdAfter,
  createdBefore,
  filterBy,
  orderBy,
  updatedAfter,
  updatedBefore,
  type FilterField,
  type FilterOperator,
} from "../../src/index.js";
import { spec } from "../support/bundled-spec.js";

// The pattern is read from the bundled spec, so the helpers and the spec cannot drift apart.
const filterSchema = spec.components.parameters.Filter.schema as {
  pattern: string;
  maxLength?: number;
};
const filterPattern = new RegExp(filterSchema.pattern);

// Years 0000-9999, the range a four-digit ISO 8601 year can write.
const anyDate = fc.date({
  min: new Date("0000-01-01T00:00:00.000Z"),
  max: new Date("9999-12-31T23:59:59.999Z"),
  noInvalidDate: true,
});
const anyField = fc.constantFrom<FilterField>("created_at", "updated_at");
const anyOperator = fc.constantFrom<FilterOperator>("gt", "lt");

describe("filter helpers", () => {
  it("writes the documented example shape", () => {
    expect(createdAfter("2019-10-23T06:23:01Z")).toBe("created_at.gt.2019-10-23T06:23:01.000Z");
    expect(updatedBefore(new Date("2024-09-02T07:38:43.722Z"))).toBe(
      "updated_at.lt.2024-09-02T07:38:43.722Z",
    );
  });

  it("maps each named helper to its field and operator", () => {
    const at = Date.UTC(2024, 0, 2, 3, 4, 5, 6);
    expect(createdAfter(at)).toBe("created_at.gt.2024-01-02T03:04:05.006Z");
    expect(createdBefore(at)).toBe("created_at.lt.2024-01-02T03:04:05.006Z");
    expect(updatedAfter(at)).toBe("updated_at.gt.2024-01-02T03:04:05.006Z");
    expect(updatedBefore(at)).toBe("updated_at.lt.2024-01-02T03:04:05.006Z");
  });

  it("converts offsets to utc", () => {
    expect(filterBy("created_at", "gt", "2024-03-01T01:30:00+02:00")).toBe(
      "created_at.gt.2024-02-29T23:30:00.000Z",
    );
    expect(filterBy("created_at", "gt", "2024-03-01T01:30-05:30")).toBe(
      "created_at.gt.2024-03-01T07:00:00.000Z",
    );
  });

  it("reads a date without time as utc midnight", () => {
    expect(createdAfter("2024-02-29")).toBe("created_at.gt.2024-02-29T00:00:00.000Z");
  });

  it("matches the spec pattern for every date, field and operator", () => {
    fc.assert(
      fc.property(anyField, anyOperator, anyDate, (field, operator, date) => {
        const filter = filterBy(field, operator, date);
        expect(filter).toMatch(filterPattern);
        if (filterSchema.maxLength !== undefined)
          expect(filter.length).toBeLessThanOrEqual(filterSchema.maxLength);
      }),
    );
  });

  it("gives the same filter for a date, its iso string and its epoch milliseconds", () => {
    fc.assert(
      fc.property(anyField, anyOperator, anyDate, (field, operator, date) => {
        const expected = filterBy(field, operator, date);
        expect(filterBy(field, operator, date.toISOString())).toBe(expected);
        expect(filterBy(field, operator, date.getTime())).toBe(expected);
      }),
    );
  });

  it("round-trips the instant through the filter string", () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        const text = createdAfter(date).slice("created_at.gt.".length);
        expect(new Date(text).getTime()).toBe(date.getTime());
      }),
    );
  });

  it("refuses an invalid date object naming it", () => {
    expect(() => createdAfter(new Date("nope"))).toThrow(RangeError);
    expect(() => createdAfter(new Date("nope"))).toThrow(/Invalid Date/);
  });

  it("refuses strings that are not iso 8601 with a zone, quoting them", () => {
    for (const text of [
      "yesterday",
      "2024-13-01",
      "2024-02-30",
      "2023-02-29",
      "2024-01-01T10:00:00",
      "2024-01-01T24:00:00Z",
      "1e12",
      "",
    ]) {
      expect(() => createdAfter(text), text).toThrow(RangeError);
      expect(() => createdAfter(text), text).toThrow(JSON.stringify(text));
    }
  });

  it("refuses non-finite epoch milliseconds and years beyond 9999", () => {
    expect(() => createdAfter(Number.NaN)).toThrow(/NaN.*finite/);
    expect(() => createdAfter(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => createdAfter(8.64e15)).toThrow(/outside years 0000-9999/);
    expect(() => createdAfter(new Date("+010000-01-01T00:00:00Z"))).toThrow(RangeError);
  });

  it("refuses values of the wrong type with a type error", () => {
    expect(() => createdAfter(null as unknown as string)).toThrow(TypeError);
    expect(() => createdAfter({} as unknown as string)).toThrow(
      /expected a Date, an ISO 8601 string or epoch milliseconds/,
    );
  });

  it("refuses unknown fields and operators, naming them and the allowed ones", () => {
    expect(() => filterBy("deleted_at" as FilterField, "gt", 0)).toThrow(RangeError);
    expect(() => filterBy("deleted_at" as FilterField, "gt", 0)).toThrow(
      /"deleted_at".*created_at, updated_at/,
    );
    expect(() => filterBy("created_at", "eq" as FilterOperator, 0)).toThrow(/"eq".*gt, lt/);
    expect(() => filterBy(42 as unknown as FilterField, "gt", 0)).toThrow(TypeError);
  });
});

describe("orderBy", () => {
  it("returns the order_by and order query parameters", () => {
    expect(orderBy("updated_at", "desc")).toEqual({ order_by: "updated_at", order: "desc" });
    expect(orderBy("created_at", "asc")).toEqual({ order_by: "created_at", order: "asc" });
  });

  it("refuses an unknown field or direction", () => {
    expect(() => orderBy("name" as FilterField, "asc")).toThrow(/"name"/);
    expect(() => orderBy("created_at", "up" as "asc")).toThrow(/"up".*asc, desc/);
  });
});
