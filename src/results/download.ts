// A run's result file as raw bytes, for writing it somewhere as it arrives: the same body the
// rows are read from, with the same typed errors and `maxBytes`, and nothing parsed.
import { count, tooLarge } from "./body-errors.js";
import type { OpenContent } from "./content.js";
import type { ResolvedResultsLimits } from "./options.js";
import type { ResultsFormat } from "./rows.js";

/** A result file as it arrives. Read `body` once; cancelling it closes the connection. */
export interface ModeResultsDownload {
  /**
   * The bytes as Mode sent them (after the HTTP layer's decompression): CSV, JSON, or for a
   * report-level CSV possibly a ZIP of one CSV per query (see `contentType`). A stall, a broken
   * connection or a body shorter than announced errors the stream with a typed `ModeApiError`.
   */
  readonly body: ReadableStream<Uint8Array>;
  /** The token of the run (or query run) whose file this is. */
  readonly run: string;
  readonly format: ResultsFormat;
  /** The answer's Content-Type: `text/csv`, `application/json`, `application/zip`, .... */
  readonly contentType: string | null;
  /** Bytes read so far. */
  readonly bytesRead: number;
  /** The answer the bytes come in, for its headers. */
  readonly response: Response;
}

export function download(
  opened: OpenContent,
  run: string,
  format: ResultsFormat,
  limits: ResolvedResultsLimits,
): ModeResultsDownload {
  const { bytes, context } = opened;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const chunk = await bytes.read();
          if (chunk === undefined) controller.close();
          else if (limits.maxBytes !== false && bytes.bytesRead > limits.maxBytes) {
            await bytes.cancel();
            controller.error(
              tooLarge(
                context,
                `answered a body over maxBytes (${count(limits.maxBytes, "byte")}); not read further`,
              ),
            );
          } else controller.enqueue(chunk);
        } catch (error) {
          await bytes.cancel();
          controller.error(error);
        }
      },
      cancel: () => bytes.cancel(),
    },
    { highWaterMark: 0 },
  );
  return {
    body,
    run,
    format,
    contentType: context.response.headers.get("content-type"),
    get bytesRead() {
      return bytes.bytesRead;
    },
    response: context.response,
  };
}
