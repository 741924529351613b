// Writing an answer to a client that may already be gone, or may already have been answered: a
// write that cannot happen is dropped, never thrown (no ERR_HTTP_HEADERS_SENT can end the kit).
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { Violation } from "../prism/violations.js";

/** Answers once; later calls, and calls after the client went away, do nothing. */
export function answer(
  res: ServerResponse,
  status: number,
  headers: OutgoingHttpHeaders,
  body: Buffer | string = "",
  statusText?: string,
): void {
  if (res.headersSent || res.writableEnded || res.destroyed) return;
  try {
    const bytes = typeof body === "string" ? Buffer.from(body) : body;
    const all = { ...headers, "content-length": String(bytes.length) };
    if (statusText) res.writeHead(status, statusText, all);
    else res.writeHead(status, all);
    res.end(bytes);
  } catch {
    res.destroy();
  }
}

/** A refusal in the shape of Prism's own problems, so a client reads one format for both. */
export function refusal(status: number, title: string, violations: readonly Violation[]): string {
  return JSON.stringify({
    type: "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY",
    title,
    status,
    detail: violations.map((v) => v.message).join(" "),
    validation: violations.map((v) => ({
      location: v.location.split("."),
      severity: v.severity === "error" ? "Error" : "Warning",
      code: v.code,
      message: v.message,
    })),
  });
}

/**
 * Answers a request whose body will not be read, then closes its connection. What the client
 * still sends is read and dropped, up to `drainBytes`, so it sees the answer rather than a reset
 * (closing a socket with unread data resets it); past that, or when the client is done, the
 * connection is closed.
 */
export function answerAndClose(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: string,
  drainBytes: number,
): void {
  answer(res, status, { "content-type": "application/problem+json", connection: "close" }, body);
  let drained = 0;
  const onData = (chunk: Buffer): void => {
    drained += chunk.length;
    if (drained > drainBytes) req.socket.destroy();
  };
  req.on("data", onData);
  req.resume();
  res.once("finish", () => req.socket.end());
  req.socket.once("close", () => req.off("data", onData));
  // A client that never stops and never closes is cut off after a while.
  setTimeout(() => req.socket.destroy(), 30_000).unref();
}
