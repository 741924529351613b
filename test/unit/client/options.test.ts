import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULTS } from "../../../src/index.js";

// The options table lives in the client's reference page, which the README links to.
const clientDoc = readFileSync(new URL("../../../docs/client.md", import.meta.url), "utf8");

/** The default column of docs/client.md's options table, by option name. */
function documentedDefaults(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const match of clientDoc.matchAll(/^\| `([\w.]+)` \| ([^|]+) \|/gm)) {
    rows.set(match[1] as string, (match[2] as string).trim());
  }
  return rows;
}

// Compares a table cell such as `{ requests: 40, intervalMs: 10000 }` with a value, ignoring
// quotes, spaces and digit separators.
const normalise = (text: string): string => text.replace(/[`"'\s_]/g, "");

describe("defaults", () => {
  it("names the package version in the user agent", () => {
    const pkg = JSON.parse(
      readFileSync(new URL("../../../package.json", import.meta.url), "utf8"),
    ) as { name: string; version: string };
    expect(DEFAULTS.userAgent).toBe(`${pkg.name}/${pkg.version}`);
  });

  it("documents that baseUrl and logLevel come from the environment first", () => {
    const table = documentedDefaults();
    expect(table.get("baseUrl")).toBe(
      `\`${DEFAULTS.baseUrlEnv}\` from the environment, else \`${DEFAULTS.baseUrl}\``,
    );
    expect(table.get("logLevel")).toBe(
      `\`${DEFAULTS.logLevelEnv}\` from the environment, else \`"off"\``,
    );
    for (const variable of [
      DEFAULTS.baseUrlEnv,
      DEFAULTS.logLevelEnv,
      DEFAULTS.tokenEnv,
      DEFAULTS.secretEnv,
    ])
      expect(clientDoc).toContain(`\`${variable}\``);
  });

  it.each([
    ["timeoutMs", DEFAULTS.timeoutMs],
    ["maxResponseBytes", DEFAULTS.maxResponseBytes],
    ["retry.retries", DEFAULTS.retry.retries],
    ["retry.methods", DEFAULTS.retry.methods],
    ["retry.statuses", DEFAULTS.retry.statuses],
    ["retry.baseDelayMs", DEFAULTS.retry.baseDelayMs],
    ["retry.maxDelayMs", DEFAULTS.retry.maxDelayMs],
    ["retry.maxRetryAfterMs", DEFAULTS.retry.maxRetryAfterMs],
    ["rateLimit", DEFAULTS.rateLimit],
  ])("documents the default of %s in docs/client.md's options table", (option, value) => {
    const cell = documentedDefaults().get(option);
    expect(cell, `docs/client.md's options table has no row for ${option}`).toBeDefined();
    const expected =
      typeof value === "string" ? value : JSON.stringify(value).replace(/"(\w+)":/g, "$1:");
    expect(normalise(cell as string)).toBe(normalise(expected));
  });
});
