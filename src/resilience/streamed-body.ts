/**
 * The body of a streamed answer, handed up as it arrives instead of being read whole inside its
 * attempt (result content can be far larger than any page). What the attempt held stays held
 * until the body settles (read to its end, failed, or cancelled by the reader): the caller's
 * abort still reaches the connection, and the rate-limit slot is released only then.
 */
export interface StreamedBodyOptions {
  /** Aborts the attempt's fetch, so a stalled connection is closed. */
  abort: () => void;
  /** The caller's signal: its abort errors the body with the caller's own reason. */
  caller: AbortSignal;
  /**
   * How long to wait for the next bytes while the reader waits for them (an idle timeout, not a
   * limit on the whole body); false for none.
   */
  idleMs: number | false;
  /** Why the body stopped: the idle timeout, or a failure of the connection. */
  failure: (kind: "timeout" | "connection", cause?: unknown) => Error;
  /** Called once, when the body settles. */
  settle: () => void;
  /**
   * Kept reachable until the body settles: the Request whose signal is `caller`. Node's Request
   * follows the signal it was given only while the Request itself is reachable, so once it is
   * collected an abort would no longer reach `caller`.
   */
  request: Request;
}

export function streamedBody(
  body: ReadableStream<Uint8Array>,
  options: StreamedBodyOptions,
): ReadableStream<Uint8Array> {
  const { abort, caller, idleMs, failure } = options;
  // Holds `request` (and `settle`) until the body settles, then lets them go.
  let holding: StreamedBodyOptions | undefined = options;
  const reader = body.getReader();
  // A caller's fetch may ignore signals: the reader is cancelled too, so a wait ends either way.
  const onAbort = (): void => void reader.cancel().catch(() => undefined);
  caller.addEventListener("abort", onAbort);
  const done = (): void => {
    if (!holding) return;
    const { settle } = holding;
    holding = undefined;
    caller.removeEventListener("abort", onAbort);
    settle();
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        let stalled = false;
        if (idleMs !== false)
          timer = setTimeout(() => {
            stalled = true;
            // Closing the connection makes the pending read fail, which settles below.
            abort();
            reader.cancel().catch(() => undefined);
          }, idleMs);
        try {
          const { done: ended, value } = await reader.read();
          // A cancelled read ends without bytes: that is no end of the body.
          if (stalled || caller.aborted) throw new Error("stopped");
          if (ended) {
            controller.close();
            done();
          } else controller.enqueue(value);
        } catch (cause) {
          done();
          // The caller's abort surfaces unchanged, as on every other path of the client.
          if (caller.aborted) controller.error(caller.reason);
          else controller.error(stalled ? failure("timeout") : failure("connection", cause));
        } finally {
          clearTimeout(timer);
        }
      },
      async cancel(reason) {
        done();
        await reader.cancel(reason).catch(() => undefined);
      },
    },
    // Nothing is read ahead of the reader: the idle timer runs only while someone waits.
    { highWaterMark: 0 },
  );
}
