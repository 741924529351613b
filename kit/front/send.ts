// Sends one request with node:http or node:https and reads the answer with a size limit. It never
// follows a redirect (node:http does not), so a 3xx is an answer like any other, and the only
// host it talks to is the one in `base`: the request's path is appended to it, never parsed as
// a URL of its own.
import {
  type Agent,
  request as httpRequest,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
} from "node:http";
import { request as httpsRequest } from "node:https";

export interface Answer {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type SendResult =
  | { kind: "answer"; answer: Answer }
  | { kind: "failed"; reason: string }
  | { kind: "too-large" };

export interface Outgoing {
  method: string;
  /** Path and query, starting with `/`; appended to the base URL's path. */
  target: string;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

// Hop-by-hop headers (RFC 9110 7.6.1) belong to one connection and are never passed on.
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

/** The headers of a message without its hop-by-hop ones, its length or any named in `drop`. */
export function endToEnd(
  headers: IncomingHttpHeaders,
  drop: readonly string[] = [],
): OutgoingHttpHeaders {
  const named = new Set(
    String(headers["connection"] ?? "")
      .split(",")
      .map((name) => name.trim().toLowerCase()),
  );
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || named.has(name)) continue;
    if (name === "content-length" || drop.includes(name)) continue;
    out[name] = value;
  }
  return out;
}

/**
 * Sends `outgoing` to `base` and resolves with the whole answer, or why there is none. A request
 * that fails on a kept-alive connection the server had just closed (it never read it) is sent
 * again on a fresh one, as Node's documentation advises; nothing else is ever sent twice.
 */
export async function send(
  base: URL,
  outgoing: Outgoing,
  limit: number,
  agent?: Agent,
): Promise<SendResult> {
  for (let attempt = 1; ; attempt++) {
    const result = await sendOnce(base, outgoing, limit, agent);
    if (!("staleSocket" in result)) return result;
    if (attempt >= 3) return { kind: "failed", reason: result.reason };
  }
}

type Attempt = SendResult | { staleSocket: true; reason: string };

function sendOnce(base: URL, outgoing: Outgoing, limit: number, agent?: Agent): Promise<Attempt> {
  const request = base.protocol === "https:" ? httpsRequest : httpRequest;
  const prefix = base.pathname.replace(/\/+$/, "");
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: Attempt): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const req = request(
      {
        protocol: base.protocol,
        // `[::1]` is how a URL spells it; a socket wants `::1`.
        hostname: base.hostname.replace(/^\[(.*)\]$/, "$1"),
        port: base.port,
        method: outgoing.method,
        path: `${prefix}${outgoing.target}`,
        headers: {
          ...outgoing.headers,
          host: base.host,
          ...(outgoing.body.length > 0 || !["GET", "HEAD"].includes(outgoing.method)
            ? { "content-length": String(outgoing.body.length) }
            : {}),
        },
        ...(agent ? { agent } : {}),
      },
      (res) => {
        const declared = Number(res.headers["content-length"]);
        if (Number.isFinite(declared) && declared > limit) {
          res.destroy();
          return settle({ kind: "too-large" });
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > limit) {
            res.destroy();
            settle({ kind: "too-large" });
          } else chunks.push(chunk);
        });
        res.once("end", () =>
          settle({
            kind: "answer",
            answer: {
              status: res.statusCode ?? 502,
              statusText: res.statusMessage ?? "",
              headers: res.headers,
              body: Buffer.concat(chunks, size),
            },
          }),
        );
        res.once("error", (error) => settle({ kind: "failed", reason: error.message }));
        res.once("close", () => {
          if (!res.complete) settle({ kind: "failed", reason: "the answer was cut short" });
        });
      },
    );
    req.once("error", (error: NodeJS.ErrnoException) => {
      const stale = req.reusedSocket && ["ECONNRESET", "EPIPE"].includes(error.code ?? "");
      settle(
        stale
          ? { staleSocket: true, reason: error.message }
          : { kind: "failed", reason: error.message },
      );
    });
    req.end(outgoing.body);
  });
}
