// Clients pointed at a hostile server, and the check that no credential shows through an error.
import { inspect } from "node:util";
import { expect } from "vitest";
import {
  createModeClient,
  createModeDatasets,
  type ModeClient,
  type ModeClientOptions,
  type ModeDatasets,
} from "../../../src/index.js";

// Long enough to be scrubbed (real Mode credentials are far longer). The secret has a "/" and
// the Authorization value ends in one, so a server can hide both behind JSON's "\/" escape.
export const TOKEN = "tok-hostile-0001";
export const SECRET = "s3cr/et+value=9?";
export const BASIC = Buffer.from(`${TOKEN}:${SECRET}`).toString("base64");
export const AUTHORIZATION = `Basic ${BASIC}`;
export const CREDENTIALS = [TOKEN, SECRET, BASIC] as const;

function options(baseUrl: string, extra: ModeClientOptions): ModeClientOptions {
  return {
    token: TOKEN,
    secret: SECRET,
    baseUrl,
    // Generous, so a busy machine never turns an answer into a timeout.
    timeoutMs: 20_000,
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
    rateLimit: false,
    ...extra,
  };
}

export function plainClient(baseUrl: string, extra: ModeClientOptions = {}): ModeClient {
  return createModeClient(options(baseUrl, extra));
}

export function throwingClient(baseUrl: string, extra: ModeClientOptions = {}): ModeDatasets {
  return createModeDatasets(options(baseUrl, extra));
}

/** What a promise rejected with; fails the test if it fulfilled. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection, but the call succeeded");
}

/** All of an async iterable, or what it threw after the items it yielded. */
export async function drain<T>(
  iterable: AsyncIterable<T>,
): Promise<{ items: T[]; error: unknown }> {
  const items: T[] = [];
  try {
    for await (const item of iterable) items.push(item);
  } catch (error) {
    return { items, error };
  }
  return { items, error: undefined };
}

/** Every view of a value a caller could print or log: the error itself and each of its fields. */
export function exposedText(value: unknown): string {
  const views: string[] = [String(value), inspect(value, { depth: null, showHidden: true })];
  try {
    views.push(JSON.stringify(value) ?? "");
  } catch {
    // A cyclic value cannot be serialised, and so cannot leak that way either.
  }
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    for (const key of ["message", "body", "requestId", "url", "cause"]) {
      const field = record[key];
      views.push(typeof field === "string" ? field : inspect(field, { depth: null }));
      if (key === "body") views.push(JSON.stringify(field) ?? "");
    }
  }
  return views.join("\n");
}

/** Fails if the token, the secret or the Authorization value shows in any view of `value`. */
export function expectNoCredentials(value: unknown): void {
  const text = exposedText(value);
  for (const credential of CREDENTIALS) expect(text).not.toContain(credential);
}

/** `text` with every "/" escaped as JSON allows ("\/"), which parsing turns back into "/". */
export function slashEscaped(text: string): string {
  return text.replaceAll("/", "\\/");
}

/** `text` with every character written as a JSON \uXXXX escape. */
export function unicodeEscaped(text: string): string {
  return [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");
}
