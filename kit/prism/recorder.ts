// A pass-through HTTP server in front of Prism that records, for every exchange, which operation
// it was aimed at and what Prism said was wrong with it. Reading each answer's `sl-violations`
// header ties every violation to its request exactly, even when a client sends requests in
// parallel (Prism's log interleaves them). Requests and answers pass through unchanged.
import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import type { OperationMatcher } from "./operations.js";
import { violationsOf, type Exchange } from "./violations.js";

export interface RecorderOptions {
  /** Prism's base URL (`http://127.0.0.1:port`). */
  target: string;
  matchOperation: OperationMatcher;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: a free port chosen by the OS. */
  port?: number;
  /** Called after each exchange, e.g. to print violations as they happen. */
  onExchange?: (exchange: Exchange) => void;
}

export interface Recorder {
  readonly baseUrl: string;
  /** Every exchange so far, in the order the answers completed. */
  readonly exchanges: readonly Exchange[];
  close(): Promise<void>;
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
};

export async function startRecorder(options: RecorderOptions): Promise<Recorder> {
  const target = new URL(options.target);
  const exchanges: Exchange[] = [];

  const server: Server = createServer((clientReq, clientRes) => {
    const url = clientReq.url ?? "/";
    const method = clientReq.method ?? "GET";
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method,
        path: url,
        headers: { ...clientReq.headers, host: target.host },
      },
      (prismRes) => {
        const chunks: Buffer[] = [];
        prismRes.on("data", (chunk: Buffer) => chunks.push(chunk));
        prismRes.on("end", () => {
          const body = Buffer.concat(chunks);
          // CORS preflights are Prism's own business, not an operation of the API.
          if (
            !(method === "OPTIONS" && header(clientReq.headers, "access-control-request-method"))
          ) {
            const exchange: Exchange = {
              method,
              url,
              operation: options.matchOperation(method, url),
              status: prismRes.statusCode ?? 0,
              violations: violationsOf(
                header(prismRes.headers, "sl-violations"),
                header(prismRes.headers, "content-type"),
                body.toString("utf8"),
              ),
            };
            exchanges.push(exchange);
            options.onExchange?.(exchange);
          }
          clientRes.writeHead(prismRes.statusCode ?? 502, prismRes.statusMessage, prismRes.headers);
          clientRes.end(body);
        });
      },
    );
    upstream.on("error", (error) => {
      clientRes.writeHead(502, { "content-type": "text/plain" });
      clientRes.end(`contract recorder: Prism did not answer: ${error.message}\n`);
    });
    clientReq.pipe(upstream);
  });

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  if (!address || typeof address !== "object") throw new Error("recorder: no listening address");

  return {
    baseUrl: `http://${host}:${address.port}`,
    exchanges,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets from the client would hold close() open.
        server.closeAllConnections();
      }),
  };
}
