import { describe, expect, it } from "vitest";
import {
  REDACTED,
  redactCause,
  redactUrl,
  redactValue,
  secretsOf,
} from "../../../src/internal/redact.js";

const TOKEN = "tok-unit-000001";
const SECRET = "sec/unit+000002";
const BASIC = Buffer.from(`${TOKEN}:${SECRET}`).toString("base64");
const secrets = [BASIC, SECRET, TOKEN];

function requestWith(authorization: string): Request {
  return new Request("https://app.mode.com/api/x", { headers: { Authorization: authorization } });
}

describe("secretsOf", () => {
  it("reads the encoded value, the secret and the token from the request's own header", () => {
    expect(secretsOf(requestWith(`Basic ${BASIC}`))).toEqual(secrets);
  });

  it("leaves out values shorter than 8 characters, which would shred ordinary words", () => {
    const short = Buffer.from("t:s").toString("base64");
    expect(secretsOf(requestWith(`Basic ${short}`))).toEqual([]);
  });

  it("gives nothing for a request without credentials", () => {
    expect(secretsOf(new Request("https://app.mode.com/api/x"))).toEqual([]);
  });
});

describe("redactValue", () => {
  it("redacts strings and keys at any depth and copies only what changed", () => {
    const untouched = { a: [1, "plain"] };
    const value = { untouched, [`k-${SECRET}`]: [{ deep: `x ${TOKEN} y` }] };
    const redacted = redactValue(value, secrets) as Record<string, unknown>;
    expect(redacted).toEqual({
      untouched,
      [`k-${REDACTED}`]: [{ deep: `x ${REDACTED} y` }],
    });
    expect(redacted["untouched"]).toBe(untouched);
    expect(redactValue(untouched, secrets)).toBe(untouched);
  });

  it("ends on a cyclic value instead of recursing for ever", () => {
    const cyclic: Record<string, unknown> = { text: TOKEN };
    cyclic["self"] = cyclic;
    expect(JSON.stringify(redactValue(cyclic, secrets), (_k, v) => v ?? null)).not.toContain(TOKEN);
  });
});

describe("redactUrl", () => {
  it("redacts a secret that arrives percent-encoded, and leaves a clean URL as it is", () => {
    const url = `https://example.com/a?echo=${encodeURIComponent(SECRET)}`;
    const redacted = redactUrl(url, secrets);
    expect(redacted).toContain(REDACTED);
    expect(redacted).not.toContain(SECRET);
    expect(redacted).not.toContain(encodeURIComponent(SECRET));
    expect(redactUrl("https://example.com/a%20b", secrets)).toBe("https://example.com/a%20b");
  });
});

describe("redactCause", () => {
  it("replaces an error holding a secret with one of the same name, and keeps a clean one", () => {
    const clean = new TypeError("fetch failed");
    expect(redactCause(clean, secrets)).toBe(clean);
    const leaking = new TypeError("fetch failed", { cause: new Error(`bad ${SECRET}`) });
    const redacted = redactCause(leaking, secrets) as Error;
    expect(redacted.name).toBe("TypeError");
    expect(String((redacted.cause as Error).message)).toBe(`bad ${REDACTED}`);
    expect(redacted.stack).not.toContain(SECRET);
  });
});
