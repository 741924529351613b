// The simulator behind a real socket, for clients in any language: node:http on 127.0.0.1 by
// default, each request handed to the engine as a fetch Request and its Response written back.
// A write the `write-reset` fault cuts is answered by destroying the socket, as a reset
// connection looks to a client. Only `mode-datasets simulate` loads this file; the in-process
// entry never does.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { RESET, type SimulatorEngine } from "../engine.js";

export interface SimulatorServer {
  /** `http://127.0.0.1:<port>`: clients add `/api/northwind/...` (or leave `/api` out). */
  readonly url: string;
  readonly port: number;
  /** Stops listening, ends every connection and the engine's stalled answers. */
  close(): Promise<void>;
}

export interface ServeOptions {
  host?: string | undefined;
  /** 0 picks a free port. */
  port?: number | undefined;
}

const errorBody = (id: string, message: string): string => JSON.stringify({ id, message });

export async function serveSimulator(
  engine: SimulatorEngine,
  options: ServeOptions = {},
): Promise<SimulatorServer> {
  const host = options.host ?? "127.0.0.1";
  const connections = new WeakMap<Socket, string>();
  let nextConnection = 0;
  const connectionOf = (socket: Socket): string => {
    let id = connections.get(socket);
    if (!id) {
      id = `c${++nextConnection}`;
      connections.set(socket, id);
    }
    return id;
  };
  // Time the event loop has sat waiting for I/O: a request read after the server was idle was
  // not yet on its way when it went idle (see `idleNow` in the engine).
  const idleNow = (): number => performance.eventLoopUtilization().idle;

  const server = createServer(
    // Large enough for any Mode request, small enough that a flood of huge headers cannot hurt.
    { maxHeaderSize: 16_384, requestTimeout: 60_000, headersTimeout: 20_000 },
    (req, res) => {
      void answer(req, res).catch(() => {
        // The client went away mid-answer, or the socket was reset on purpose: nothing to send.
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { "Content-Type": "application/json" });
          res.end(errorBody("internal_server_error", "Internal server error"));
        } else res.destroy();
      });
    },
  );
  server.keepAliveTimeout = 5_000;
  // A request Node cannot even parse (a broken request line, headers too large) gets a bare 400
  // or 431 and the connection is closed; nothing reaches the engine, and nothing crashes.
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) return socket.destroy();
    const status = error.code === "HPE_HEADER_OVERFLOW" ? 431 : 400;
    socket.end(
      `HTTP/1.1 ${status} ${status === 431 ? "Request Header Fields Too Large" : "Bad Request"}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
    );
  });

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const abort = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) abort.abort(new Error("the client closed the connection"));
    });
    let url: URL;
    try {
      url = new URL(req.url ?? "/", `http://${host}`);
      if (!(req.url ?? "").startsWith("/")) throw new Error("not an origin-form target");
    } catch {
      res.writeHead(400, { "Content-Type": "application/json" });
      res.end(errorBody("bad_request", "Bad request: the request target is not a path"));
      return;
    }
    const headers = new Headers();
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      try {
        headers.append(req.rawHeaders[i] ?? "", req.rawHeaders[i + 1] ?? "");
      } catch {
        // A header fetch cannot hold (a name with a space, say): dropped, as a proxy would.
      }
    }
    const method = req.method ?? "GET";
    const hasBody = method !== "GET" && method !== "HEAD";
    const request = new Request(url, {
      method,
      headers,
      signal: abort.signal,
      ...(hasBody
        ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" }
        : {}),
    } as RequestInit);
    const response = await engine.handle(request, {
      connection: connectionOf(req.socket),
      idleNow,
    });
    if (response === RESET) {
      req.socket.destroy();
      return;
    }
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (!response.body || method === "HEAD") {
      res.end();
      return;
    }
    const reader = response.body.getReader();
    abort.signal.addEventListener("abort", () => void reader.cancel().catch(() => {}), {
      once: true,
    });
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) return;
      if (!res.write(value)) {
        await new Promise((resolve) => {
          res.once("drain", resolve);
          res.once("close", resolve);
        });
      }
    }
    res.end();
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // A long accept queue: a client opening hundreds of connections at once is accepted at once,
    // rather than some waiting on the kernel's retries.
    server.listen({ port: options.port ?? 0, host, backlog: 4_096 }, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        engine.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
