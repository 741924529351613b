import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULTS } from "../../src/index.js";

describe("defaults", () => {
  it("names the package version in the user agent", () => {
    const pkg = JSON.parse(
      readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
    ) as { name: string; version: string };
    expect(DEFAULTS.userAgent).toBe(`${pkg.name}/${pkg.version}`);
  });

  it("matches the documented policy", () => {
    expect(DEFAULTS).toMatchObject({
      baseUrl: "https://app.mode.com/api",
      timeoutMs: 30_000,
      retry: {
        retries: 2,
        methods: ["GET", "HEAD"],
        statuses: [408, 429, 500, 502, 503, 504],
        baseDelayMs: 500,
        maxDelayMs: 8_000,
      },
      rateLimit: { requests: 40, intervalMs: 10_000 },
      maxPages: 1_000,
    });
  });
});
