// A result body taken over as it arrives, with an idle timeout: the client's `timeoutMs` bounds
// each wait for more bytes, not the whole body, which can take as long as its size needs. What
// the attempt holds (the caller's abort reaching the connection, the rate-limit slot, the Request
// itself) is held until the body settles: read to its end, failed, or cancelled by the reader.
import type { StreamBody } from "../resilience/resilient-fetch.js";

/** The body stopped because no bytes came for `idleMs` while the reader waited. */
export class Stalled extends Error {
  override name = "Stalled";
  constructor(readonly idleMs: number) {
    super(`no bytes for ${idleMs} ms`);
  }
}

/**
 * Node's Request follows the caller's signal only while the Request itself is reachable, and
 * the body outlives the call that sent it: `attempt` (which holds the Request) is kept until the
 * body settles, or an abort after a garbage collection would reach nothing.
 */
export const streamedBody: StreamBody = (body, attempt) => {
  const { abort, timeoutMs: idleMs } = attempt;
  const caller = attempt.request.signal;
  let holding: typeof attempt | undefined = attempt;
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
        let stalled = false;
        const timer =
          idleMs === false
            ? undefined
            : setTimeout(() => {
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
          else controller.error(stalled ? new Stalled(idleMs as number) : cause);
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
};
