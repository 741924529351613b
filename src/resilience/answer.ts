import { redactText, redactUrl, redactValue } from "../internal/redact.js";

/**
 * What the client knows about a Response it hands up: how many attempts it took, and (for a
 * success) the body it read. Kept under a symbol on the Response itself, so it travels with the
 * one object openapi-fetch and the caller see, and holds nothing the caller could not read from
 * the Response anyway: the credentials to redact are never stored.
 */
export interface Held {
  attempts: number;
  /** A success's body as read; undefined for an error answer, which keeps its own (redacted) body. */
  bytes?: Uint8Array | undefined;
}

const HELD = Symbol("mode-datasets.answer");

/** What the client recorded on a Response it built or read; undefined for any other. */
export function heldOf(response: Response | undefined): Held | undefined {
  return (response as { [HELD]?: Held } | undefined)?.[HELD];
}

/** Thrown while reading a body that passes `maxResponseBytes`. */
export class ResponseTooLarge extends Error {
  constructor(readonly status: number) {
    super(`response body over the size limit (status ${status})`);
  }
}

const EMPTY = new Uint8Array(0);
// Statuses whose responses must not carry a body (the Response constructor refuses one).
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);
const decoder = new TextDecoder();

/** UTF-8 text of a body, as `Response.text()` reads it. */
export const decodeBody = (bytes: Uint8Array): string => decoder.decode(bytes);

/**
 * The whole body, refused once it passes `limit` bytes. Without Content-Encoding the announced
 * length is the length read, so a larger announcement is refused before reading. Otherwise the
 * bytes are counted as they come out of the decoder, and the stream is cancelled at the limit,
 * so a compressed bomb is refused before it is inflated. A HEAD or a status without a body reads
 * nothing.
 */
export async function readBody(
  response: Response,
  method: string,
  limit: number | false,
): Promise<Uint8Array> {
  const stream = response.body;
  if (stream === null) return EMPTY;
  if (method === "HEAD" || NULL_BODY_STATUSES.has(response.status)) {
    void stream.cancel().catch(() => undefined);
    return EMPTY;
  }
  const announced = response.headers.get("content-length");
  if (
    limit !== false &&
    announced !== null &&
    Number(announced) > limit &&
    !response.headers.has("content-encoding")
  ) {
    await stream.cancel().catch(() => undefined);
    throw new ResponseTooLarge(response.status);
  }
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (limit !== false && total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new ResponseTooLarge(response.status);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const body = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/**
 * The one Response the layers above read. A success is the fetched Response itself, its body
 * held beside it (building a new Response costs more than everything else the client does).
 * An error is a new Response whose body, status text, headers and URL have the credentials
 * redacted, so the plain client's `error` and `response` are as safe as a thrown error.
 */
export function answerOf(
  response: Response,
  bytes: Uint8Array,
  attempts: number,
  secrets: readonly string[],
): Response {
  const { status } = response;
  // A status outside 200-599 (a browser's opaque redirect) cannot be given to a new Response.
  let answer = response;
  let held: Held = { attempts, bytes };
  if (!response.ok && status >= 200 && status <= 599) {
    const text = redactBody(decodeBody(bytes), secrets);
    const headers = new Headers();
    response.headers.forEach((value, name) => {
      // A header whose name is a credential is dropped: a name cannot be partly redacted.
      if (redactText(name, secrets) === name) headers.append(name, redactText(value, secrets));
    });
    // The body is whole now; a leftover chunked marker or a compressed length would mislead.
    headers.set("content-length", String(new TextEncoder().encode(text).byteLength));
    headers.delete("transfer-encoding");
    headers.delete("content-encoding");
    answer = new Response(NULL_BODY_STATUSES.has(status) || text === "" ? null : text, {
      status,
      statusText: redactText(response.statusText, secrets),
      headers,
    });
    // Kept for error messages (a constructed Response would report ""), redacted like the rest.
    Object.defineProperty(answer, "url", { value: redactUrl(response.url, secrets) });
    held = { attempts };
  }
  Object.defineProperty(answer, HELD, { value: held });
  return answer;
}

/**
 * An error body with the credentials redacted. JSON escapes (`\/`, `\u0073`) can hide a
 * credential from a plain scan, so a body with a backslash is parsed, redacted as a value and
 * written back; any other body is redacted as text, which is the same thing without the parse.
 */
function redactBody(text: string, secrets: readonly string[]): string {
  if (secrets.length === 0) return text;
  if (text.includes("\\")) {
    try {
      const value: unknown = JSON.parse(text);
      const redacted = redactValue(value, secrets);
      if (redacted !== value) return JSON.stringify(redacted);
    } catch {
      // Not JSON: redacted as text below.
    }
  }
  return redactText(text, secrets);
}
