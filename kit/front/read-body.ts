// Reads a request body with a limit counted while it streams in: a body above the limit is never
// buffered (its Content-Length refuses it before a byte is read; a chunked one is stopped at the
// first chunk past the limit), and all bodies held at once share one budget, so the kit's memory
// stays bounded whatever clients send.
import type { IncomingMessage } from "node:http";

/** The bytes of request bodies held at once, across all exchanges. */
export class BodyBudget {
  private used = 0;
  constructor(readonly total: number) {}
  take(bytes: number): boolean {
    if (this.used + bytes > this.total) return false;
    this.used += bytes;
    return true;
  }
  give(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }
}

export type BodyResult =
  /** The whole body; call `release` once it is no longer held. */
  | { kind: "read"; body: Buffer; release: () => void }
  | { kind: "too-large" }
  | { kind: "busy" }
  /** The client went away before the body ended. */
  | { kind: "aborted" };

export function readBody(
  req: IncomingMessage,
  limit: number,
  budget: BodyBudget,
): Promise<BodyResult> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ kind: "too-large" });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyResult): void => {
      if (settled) return;
      settled = true;
      req.off("data", onData);
      if (result.kind !== "read") {
        budget.give(size);
        chunks.length = 0;
        req.pause();
      }
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      if (size + chunk.length > limit) settle({ kind: "too-large" });
      else if (!budget.take(chunk.length)) settle({ kind: "busy" });
      else {
        size += chunk.length;
        chunks.push(chunk);
      }
    };
    req.on("data", onData);
    req.once("end", () => {
      let released = false;
      settle({
        kind: "read",
        body: Buffer.concat(chunks, size),
        release: () => {
          if (!released) budget.give(size);
          released = true;
        },
      });
    });
    req.once("error", () => settle({ kind: "aborted" }));
    req.once("close", () => {
      if (!req.complete) settle({ kind: "aborted" });
    });
  });
}
