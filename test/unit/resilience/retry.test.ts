import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "../../../src/resilience/retry.js";

describe("parseRetryAfter", () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);

  it("reads delay-seconds", () => {
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("1.5", now)).toBe(1500);
  });

  it("reads an http date relative to now", () => {
    expect(parseRetryAfter("Thu, 01 Jan 2026 12:00:07 GMT", now)).toBe(7000);
  });

  it("never returns a negative wait for a past date", () => {
    expect(parseRetryAfter("Thu, 01 Jan 2026 11:00:00 GMT", now)).toBe(0);
  });

  it("ignores absent or unreadable values", () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter("-1", now)).toBeUndefined();
    expect(parseRetryAfter("1e3", now)).toBeUndefined();
  });
});
