import { redactText, redactUrl, redactValue } from "../internal/redact.js";

/**
 * What the client knows about a Response it hands up: how many attempts it took, and (for a
 * success) the body it read. Kept under a symbol on the Response itself, so it travels with the
 * one object openapi-fetch and the caller see, and holds nothing the caller could not read from
 * the Response anyway: the credentials to redact are never stored.
 */
export interface Held {
  /** Undefined for a Response a caller's own middleware put in place: its attempts are not known. */
  attempts: number | undefined;
  /** A success's body as read; undefined for an error answer, which keeps its own (redacted) body. */
  bytes?: Uint8Array | undefined;
  /** A success's body as the layer above read it (parsed JSON, or what openapi-fetch asked for). */
  value?: unknown;
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
  const decoded = !response.headers.has("content-encoding");
  if (limit !== false && announced !== null && decoded && Number(announced) > limit) {
    await stream.cancel().catch(() => undefined);
    throw new ResponseTooLarge(response.status);
  }
  // Without a limit, or with an announced length under it (the parser reads no more), the body
  // is read in one go.
  if (limit === false || (announced !== null && decoded))
    return new Uint8Array(await response.arrayBuffer());
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
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
 * The one Response the layers above read. A success that openapi-fetch will parse is the
 * fetched Response itself, its body held beside it (building a new Response costs more than
 * everything else the client does); openapi-fetch consumes such a body anyway. A success it
 * leaves unread (an empty body, a HEAD, a DELETE, whose body the client does not read either)
 * is a copy whose body can still be read, as openapi-fetch alone would leave it. An error is a
 * copy whose body, status text, headers and URL have the credentials redacted, so the plain
 * client's `error` and `response` are as safe as a thrown error.
 */
export function answerOf(
  response: Response,
  bytes: Uint8Array,
  method: string,
  attempts: number | undefined,
  secrets: readonly string[],
): Response {
  const { status, ok } = response;
  let answer = response;
  let held: Held = { attempts, bytes };
  // A status outside 200-599 (a browser's opaque redirect) cannot be given to a new Response.
  if (
    status >= 200 &&
    status <= 599 &&
    (!ok || !bytes.length || method === "HEAD" || method === "DELETE")
  ) {
    const text = ok ? "" : redactBody(decodeBody(bytes), secrets);
    const headers = new Headers();
    response.headers.forEach((value, name) => {
      // A header whose name is a credential is dropped: a name cannot be partly redacted.
      if (redactText(name, secrets) === name) headers.append(name, redactText(value, secrets));
    });
    // The body is whole now; a leftover chunked marker or a compressed length would mislead.
    const body = ok ? bytes : new TextEncoder().encode(text);
    headers.set("content-length", String(body.byteLength));
    headers.delete("transfer-encoding");
    headers.delete("content-encoding");
    answer = new Response(
      NULL_BODY_STATUSES.has(status) || !body.byteLength ? null : (body as Uint8Array<ArrayBuffer>),
      {
        status,
        statusText: redactText(response.statusText, secrets),
        headers,
      },
    );
    // Kept for error messages (a constructed Response would report ""), redacted like the rest.
    Object.defineProperty(answer, "url", { value: redactUrl(response.url, secrets) });
    if (!ok) held = { attempts };
  }
  Object.defineProperty(answer, HELD, { value: held });
  return answer;
}

/**
 * A streamed success: a copy of the fetched answer whose body is `body`, the fetched body passed
 * through as it arrives, with the attempts recorded. Nothing is held: the body is still to come.
 */
export function streamedAnswerOf(
  response: Response,
  body: ReadableStream<Uint8Array>,
  attempts: number,
): Response {
  const { status, statusText, headers, url } = response;
  const answer = new Response(body, { status, statusText, headers });
  Object.defineProperty(answer, "url", { value: url });
  Object.defineProperty(answer, HELD, { value: { attempts } satisfies Held });
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
