// A real HTTP server on 127.0.0.1 (a free port) that answers with whatever a test hands it, so
// hostile answers (echoed credentials, pathological bodies, endless streams) arrive through the
// same sockets, parsers and decoders as a real server's. Each server closes when its test ends.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { onTestFinished } from "vitest";

export interface SeenRequest {
  method: string;
  /** Path and query as they arrived, before any decoding. */
  url: string;
  authorization: string | undefined;
}

export type Handler = (
  request: IncomingMessage,
  response: ServerResponse,
  index: number,
) => void | Promise<void>;

export interface HostileServer {
  /** `http://127.0.0.1:<port>/api`, the client's baseUrl. */
  baseUrl: string;
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  port: number;
  /** Every request that reached the server, in order. */
  seen: SeenRequest[];
}

/** Starts a server for the current test; it is closed (connections included) when the test ends. */
export async function hostileServer(handler: Handler): Promise<HostileServer> {
  const seen: SeenRequest[] = [];
  const server = createServer((request, response) => {
    const index = seen.length;
    seen.push({
      method: request.method ?? "",
      url: request.url ?? "",
      authorization: request.headers.authorization,
    });
    // Request bodies are never needed; draining them lets the answer go out at once.
    request.resume();
    Promise.resolve(handler(request, response, index)).catch((error: unknown) => {
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  onTestFinished(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const origin = `http://127.0.0.1:${port}`;
  return { baseUrl: `${origin}/api`, origin, port, seen };
}

/** Sends `body` (a string or bytes) with a Content-Length. */
export function send(
  response: ServerResponse,
  status: number,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    "Content-Type": "application/hal+json",
    "Content-Length": typeof body === "string" ? Buffer.byteLength(body) : body.byteLength,
    ...headers,
  });
  response.end(body);
}

/** Sends `value` as JSON. */
export function sendJson(
  response: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  send(response, status, JSON.stringify(value), {
    "Content-Type": status < 400 ? "application/hal+json" : "application/json",
    ...headers,
  });
}

/**
 * Streams `chunk` until `maxBytes` are written or the client goes away, honouring backpressure,
 * so how much was written shows how much the client was willing to read. Resolves with that count.
 */
export async function streamUntilClosed(
  response: ServerResponse,
  chunk: Uint8Array,
  maxBytes: number,
): Promise<number> {
  let written = 0;
  let closed = false;
  response.on("close", () => {
    closed = true;
  });
  while (!closed && written < maxBytes) {
    written += chunk.byteLength;
    if (!response.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          response.off("drain", done);
          response.off("close", done);
          resolve();
        };
        response.on("drain", done);
        response.on("close", done);
      });
    }
  }
  if (!closed) response.end();
  return written;
}
