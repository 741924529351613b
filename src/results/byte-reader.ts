// Reads a result body one chunk at a time, as it arrives: counts the bytes, and turns the ways
// a body stops early into typed errors (a stall, a broken connection, fewer bytes than announced).
import { type BodyContext, cutShort, stalled } from "./body-errors.js";
import { Stalled } from "./streamed-body.js";

export interface ByteReader {
  /** The next chunk; undefined at the end of a complete body. */
  read(): Promise<Uint8Array | undefined>;
  /** Stops reading and closes the connection. */
  cancel(): Promise<void>;
  /** Bytes read so far (after the HTTP layer's decompression). */
  readonly bytesRead: number;
}

export function byteReader(
  body: ReadableStream<Uint8Array> | null | undefined,
  context: BodyContext,
  signal: AbortSignal | undefined,
): ByteReader {
  const reader = body?.getReader();
  const { headers } = context.response;
  // The announced length counts the bytes on the wire: comparable only when nothing decoded them.
  const announced = headers.has("content-encoding") ? null : headers.get("content-length");
  let bytesRead = 0;
  return {
    get bytesRead() {
      return bytesRead;
    },
    async read() {
      if (!reader) return undefined;
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (cause) {
        if (signal?.aborted) throw signal.reason;
        if (cause instanceof Stalled) throw stalled(context, bytesRead, cause.idleMs);
        const reason =
          cause instanceof Error ? (cause.cause as Error)?.message || cause.message : String(cause);
        throw cutShort(context, bytesRead, `the connection failed: ${reason}`, cause);
      }
      if (!chunk.done) {
        bytesRead += chunk.value.byteLength;
        return chunk.value;
      }
      if (announced !== null && Number(announced) !== bytesRead)
        throw cutShort(context, bytesRead, `Content-Length announced ${announced} bytes`);
      return undefined;
    },
    async cancel() {
      await reader?.cancel().catch(() => undefined);
    },
  };
}
