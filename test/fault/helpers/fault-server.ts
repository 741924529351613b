// A real HTTP server on 127.0.0.1 (free port) whose answers a test scripts request by request,
// so faults (resets, stalls, truncation, 429/503) happen on a real socket, not in a fake fetch.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

export type Fault = (request: IncomingMessage, response: ServerResponse, index: number) => void;

export interface FaultServer {
  baseUrl: string;
  seen: Seen[];
  /** Scripts the answer to each request in order; the last one repeats. */
  script(...faults: Fault[]): void;
  close(): Promise<void>;
}

export async function startFaultServer(): Promise<FaultServer> {
  const seen: Seen[] = [];
  let faults: Fault[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const index = seen.length;
      seen.push({
        method: request.method ?? "",
        url: request.url ?? "",
        authorization: request.headers.authorization,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      const fault = faults[Math.min(index, faults.length - 1)];
      if (!fault) throw new Error("fault server: no script");
      fault(request, response, index);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api`,
    seen,
    script(...next) {
      faults = next;
      seen.length = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

/** A JSON answer with an explicit Content-Length. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Fault {
  return (_request, response) => {
    const text = JSON.stringify(body);
    response.writeHead(status, {
      "Content-Type": status < 400 ? "application/hal+json" : "application/json",
      "Content-Length": Buffer.byteLength(text),
      ...headers,
    });
    response.end(text);
  };
}

/** An answer with any body and content type. */
export function raw(status: number, body: string, contentType: string): Fault {
  return (_request, response) => {
    response.writeHead(status, {
      "Content-Type": contentType,
      "Content-Length": Buffer.byteLength(body),
    });
    response.end(body);
  };
}

/** Drops the connection without answering. */
export const reset: Fault = (request) => {
  request.socket.destroy();
};

/** Never answers (until the client gives up or the server closes). */
export const stall: Fault = () => undefined;

/** Sends headers and part of the body, then stalls. */
export const stallBody: Fault = (_request, response) => {
  response.writeHead(200, { "Content-Type": "application/hal+json", "Content-Length": 1000 });
  response.write('{"token":"d1",');
};

/** Promises 1000 bytes, sends a few, then drops the connection. */
export const truncate: Fault = (request, response) => {
  response.writeHead(200, { "Content-Type": "application/hal+json", "Content-Length": 1000 });
  response.write('{"token":"d1",', () => request.socket.destroy());
};
