// A pass-through HTTP server in front of Prism that records, for every exchange, which operation
// it was aimed at and what was wrong with it: what the kit's own rules find in the request (what
// JSON Schema cannot say), and what Prism says in each answer's `sl-violations` header, which
// ties every violation to its request exactly even when a client sends requests in parallel.
// Requests and answers pass through unchanged, but for two things: an `Accept` the rules only
// warn about is widened so Prism answers instead of refusing it, and (`refuseErrors`, the proxy)
// a request the rules find broken is answered 422 here and never reaches the upstream.
import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import { acceptForPrism, checkRequest, type Finding } from "../rules/index.js";
import type { SpecDocument } from "../spec-file.js";
import { operationMatcher } from "./operations.js";
import { type Exchange, type Violation, violationsOf } from "./violations.js";

export interface RecorderOptions {
  /** Prism's base URL (`http://127.0.0.1:port`). */
  target: string;
  /** The parsed spec Prism serves (see `loadSpec`). */
  spec: SpecDocument;
  /** Answer a request the rules find broken with 422 instead of forwarding it. Default false. */
  refuseErrors?: boolean;
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

const asViolation = (finding: Finding): Violation => ({
  location: finding.location,
  code: finding.rule,
  message: finding.message,
  severity: finding.severity,
});

export async function startRecorder(options: RecorderOptions): Promise<Recorder> {
  const target = new URL(options.target);
  const matchOperation = operationMatcher(options.spec);
  const exchanges: Exchange[] = [];

  const server: Server = createServer((clientReq, clientRes) => {
    const url = clientReq.url ?? "/";
    const method = clientReq.method ?? "GET";
    // CORS preflights are Prism's own business, not an operation of the API.
    const preflight =
      method === "OPTIONS" && header(clientReq.headers, "access-control-request-method");
    const chunks: Buffer[] = [];
    clientReq.on("data", (chunk: Buffer) => chunks.push(chunk));
    clientReq.on("end", () => {
      const body = Buffer.concat(chunks);
      const checked = { method, path: url, headers: clientReq.headers, body: body.toString() };
      const findings = preflight ? [] : checkRequest(checked, options.spec);
      const record = (status: number, violations: Violation[]): void => {
        if (preflight) return;
        const exchange: Exchange = {
          method,
          url,
          operation: matchOperation(method, url),
          status,
          violations: [...findings.map(asViolation), ...violations],
        };
        exchanges.push(exchange);
        options.onExchange?.(exchange);
      };

      const errors = findings.filter((finding) => finding.severity === "error");
      if (options.refuseErrors && errors.length > 0) {
        record(422, []);
        clientRes.writeHead(422, { "content-type": "application/problem+json" });
        clientRes.end(JSON.stringify(refusal(errors)));
        return;
      }

      const accept = preflight ? undefined : acceptForPrism(checked, options.spec);
      const upstream = request(
        {
          host: target.hostname,
          port: target.port,
          method,
          path: url,
          headers: { ...clientReq.headers, host: target.host, ...(accept ? { accept } : {}) },
        },
        (prismRes) => {
          const answer: Buffer[] = [];
          prismRes.on("data", (chunk: Buffer) => answer.push(chunk));
          prismRes.on("end", () => {
            const text = Buffer.concat(answer);
            record(
              prismRes.statusCode ?? 0,
              violationsOf(
                header(prismRes.headers, "sl-violations"),
                header(prismRes.headers, "content-type"),
                text.toString("utf8"),
              ),
            );
            clientRes.writeHead(
              prismRes.statusCode ?? 502,
              prismRes.statusMessage,
              prismRes.headers,
            );
            clientRes.end(text);
          });
        },
      );
      upstream.on("error", (error) => {
        clientRes.writeHead(502, { "content-type": "text/plain" });
        clientRes.end(`contract recorder: Prism did not answer: ${error.message}\n`);
      });
      upstream.end(body);
    });
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

/** A refusal in the shape of Prism's own 422, so a client sees one format for both. */
function refusal(errors: Finding[]): unknown {
  return {
    type: "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY",
    title: "Invalid request",
    status: 422,
    detail: "Your request is not valid and no HTTP validation response was found in the spec.",
    validation: errors.map((finding) => ({
      location: finding.location.split("."),
      severity: "Error",
      code: finding.rule,
      message: finding.message,
    })),
  };
}
