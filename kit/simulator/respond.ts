// Turning what the engine decided into a fetch Response: Mode's headers, a JSON body (HAL for a
// success, plain JSON for an error) or streamed result content, and, for the `stalled-body`
// fault, half a body that then stops until the reader gives up or the simulator closes.
import type { HandlerResult } from "./handlers/types.js";
import type { OpenWaits } from "./open-waits.js";
import { RATE_LIMIT } from "./rate-limit.js";
import type { ErrorAnswer } from "./wire/error.js";

/** What the engine decided about one request. */
export interface Answer {
  status: number;
  json?: unknown;
  result?: HandlerResult;
  headers?: Record<string, string>;
  /** Cut the connection instead of answering (the `write-reset` fault). */
  reset?: boolean;
  stall?: boolean;
}

export const fromError = (error: ErrorAnswer, headers?: Record<string, string>): Answer => ({
  status: error.status,
  json: error.body,
  ...(headers ? { headers } : {}),
});

const encoder = new TextEncoder();
const bytesOf = (chunk: string | Uint8Array): Uint8Array =>
  typeof chunk === "string" ? encoder.encode(chunk) : chunk;

export function toResponse(answer: Answer, signal: AbortSignal, waits: OpenWaits): Response {
  const headers = new Headers({ "X-RateLimit-Limit": String(RATE_LIMIT.limit), ...answer.headers });
  const content = answer.result?.content;
  let body: Iterable<string | Uint8Array> | undefined;
  if (content) {
    headers.set("Content-Type", content.contentType);
    for (const [name, value] of Object.entries(content.headers ?? {})) headers.set(name, value);
    body = content.chunks();
  } else if (answer.json !== undefined) {
    headers.set("Content-Type", answer.status < 300 ? "application/hal+json" : "application/json");
    body = [JSON.stringify(answer.json)];
  }
  const init = { status: answer.status, headers };
  if (!body) return new Response(null, init);
  if (answer.stall) {
    const first = body[Symbol.iterator]().next();
    return new Response(stalledBody(bytesOf(first.done ? "" : first.value), signal, waits), init);
  }
  return new Response(streamOf(body), init);
}

/** Half of `bytes`, then nothing until the reader cancels, the request aborts or the simulator closes. */
function stalledBody(
  bytes: Uint8Array,
  signal: AbortSignal,
  waits: OpenWaits,
): ReadableStream<Uint8Array> {
  let end: (() => void) | undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes.slice(0, Math.max(1, Math.floor(bytes.byteLength / 2))));
      const release = waits.hold(() => end?.());
      end = () => {
        release();
        signal.removeEventListener("abort", onAbort);
        try {
          controller.error(new Error("the simulator stopped a stalled body"));
        } catch {
          // Already closed by the reader.
        }
      };
      const onAbort = (): void => end?.();
      signal.addEventListener("abort", onAbort, { once: true });
    },
    cancel() {
      end?.();
    },
  });
}

/** The chunks as a stream, each made only when the reader asks for it. */
function streamOf(chunks: Iterable<string | Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.iterator]();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(bytesOf(next.value));
    },
    cancel() {
      iterator.return?.();
    },
  });
}
