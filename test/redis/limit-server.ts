/**
 * A loopback API that enforces a rate limit the way the strictest reading of Mode's does: at most
 * `requests` accepted arrivals in any sliding `windowMs`, 429 with Retry-After beyond. It records
 * every arrival, so a test can say who was sent when, and can answer one chosen arrival with a 429.
 */
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface LimitServerOptions {
  /** Accepted arrivals per sliding window; beyond them, 429. Default: no limit. */
  limit?: { requests: number; windowMs: number };
  /** Milliseconds every answer is held, standing in for the API's own latency. Default 0. */
  latencyMs?: number;
  /** Answer this arrival (1-based) with 429 and `Retry-After: retryAfterSeconds`, once. */
  refuseArrival?: { number: number; retryAfterSeconds: number };
}

export interface Arrival {
  /** performance.now() of this process when the request arrived. */
  at: number;
  status: number;
  worker: string;
}

export interface LimitServer {
  baseUrl: string;
  arrivals: Arrival[];
  /** When the chosen arrival was refused, if it was. */
  refusedAt(): number | undefined;
  stop(): Promise<void>;
}

export async function startLimitServer(options: LimitServerOptions = {}): Promise<LimitServer> {
  const arrivals: Arrival[] = [];
  const accepted: number[] = [];
  let refusedAt: number | undefined;
  const server = createServer((request, response) => {
    const at = performance.now();
    const worker = String(request.headers["x-worker"] ?? "");
    let status = 200;
    const headers: Record<string, string> = { "content-type": "application/hal+json" };
    const { limit, refuseArrival } = options;
    if (refuseArrival && arrivals.length + 1 === refuseArrival.number) {
      status = 429;
      refusedAt = at;
      headers["retry-after"] = String(refuseArrival.retryAfterSeconds);
    } else if (limit) {
      while (accepted.length > 0 && (accepted[0] ?? 0) <= at - limit.windowMs) accepted.shift();
      if (accepted.length >= limit.requests) {
        status = 429;
        headers["retry-after"] = String(Math.max(1, Math.ceil(limit.windowMs / 1000)));
      } else accepted.push(at);
    }
    arrivals.push({ at, status, worker });
    const body =
      status === 200
        ? JSON.stringify({ token: "5a4177a2902c", name: "Orders by region" })
        : JSON.stringify({ id: "rate_limited", message: "Too many requests" });
    request.resume();
    setTimeout(() => response.writeHead(status, headers).end(body), options.latencyMs ?? 0);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    arrivals,
    refusedAt: () => refusedAt,
    async stop() {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}
