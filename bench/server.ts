/**
 * The bench's HTTP server, run as its own process (see server-process.ts) so that serving does not
 * share an event loop with the client being measured. Keep-alive node:http on 127.0.0.1, port 0.
 *
 * Routes (any account):
 *   GET /{account}/datasets/{dataset}          the spec's Dataset example
 *   GET /{account}/spaces/items-{N}/datasets   a listing of N datasets, `?page` and `?per_page`
 *   GET /{account}/spaces                      with `workspace`: its Collections ws-0, ws-1...
 *   GET /{account}/spaces/ws-{i}/datasets      with `workspace`: that Collection's Datasets
 *   POST /{account}/datasets/{dataset}/runs    with `runs`: starts a run
 *   GET /{account}/datasets/{d}/runs/{run}     with `runs`: pending until `runMs`, then succeeded
 *   GET /{account}/reports/rows-{N}/runs/{run}/results/content.csv|.json   N rows (rows-content.ts)
 * With `latencyMs`, every answer is held that long first.
 * With a rate limit configured, at most `requests` requests may arrive in any `windowMs`
 * (a sliding window, the strictest reading of "40 per 10 s"); the rest get 429 + Retry-After.
 *
 * Config arrives as JSON in argv[2]; the parent asks for counters over IPC.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { datasetBody, listingPageBody } from "./fixtures.js";
import { routeRowContent } from "./rows-content.js";
import type { ServerConfig, ServerMessage, ServerStats } from "./server-protocol.js";

const config = JSON.parse(process.argv[2] ?? "{}") as ServerConfig;

const stats: ServerStats = {
  requests: 0,
  rateLimited: 0,
  openConnections: 0,
  inFlight: 0,
  peakConnections: 0,
  peakInFlight: 0,
  arrivals: [],
};
// When each run was started, by token.
const runsStarted = new Map<string, number>();
const arrivals: number[] = [];
const pages = new Map<string, Buffer>();

const DATASET = /^\/([^/]+)\/datasets\/([^/]+)$/;
const LISTING = /^\/([^/]+)\/spaces\/(items-(\d+))\/datasets$/;
const SPACES = /^\/([^/]+)\/spaces$/;
const SPACE_LISTING = /^\/([^/]+)\/spaces\/(ws-(\d+))\/datasets$/;
const RUN_START = /^\/([^/]+)\/datasets\/([^/]+)\/runs$/;
const RUN = /^\/([^/]+)\/datasets\/([^/]+)\/runs\/([^/]+)$/;

const server = createServer((request, response) => {
  stats.requests++;
  stats.inFlight++;
  stats.peakInFlight = Math.max(stats.peakInFlight, stats.inFlight);
  response.on("close", () => stats.inFlight--);
  if (config.rateLimit && limited(config.rateLimit.requests, config.rateLimit.windowMs)) {
    stats.rateLimited++;
    const retryAfterSeconds = Math.max(1, Math.ceil(config.rateLimit.windowMs / 1000));
    send(
      response,
      429,
      Buffer.from('{"id":"too_many_requests","message":"Rate limit exceeded"}'),
      "application/json",
      {
        "retry-after": String(retryAfterSeconds),
      },
    );
    return;
  }
  if (config.recordArrivals) stats.arrivals.push({ url: request.url ?? "", at: performance.now() });
  if (config.latencyMs) {
    setTimeout(() => route(request, response), config.latencyMs);
    return;
  }
  route(request, response);
});

function route(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  if (request.method === "GET" && DATASET.test(url.pathname)) {
    send(response, 200, datasetBody, "application/hal+json");
    return;
  }
  const listing = LISTING.exec(url.pathname);
  if (request.method === "GET" && listing) {
    const [, account = "", space = "", total = "0"] = listing;
    const page = Number(url.searchParams.get("page") ?? "1");
    const perPage = Number(url.searchParams.get("per_page") ?? "30");
    const key = `${space}:${page}:${perPage}`;
    let body = pages.get(key);
    if (!body) {
      body = listingPageBody(account, space, Number(total), page, perPage);
      pages.set(key, body);
    }
    send(response, 200, body, "application/hal+json");
    return;
  }
  if (config.workspace && routeWorkspace(request.method, url, response, config.workspace)) return;
  if (config.runs && routeRuns(request.method, url, response, config.runs.runMs)) return;
  if (request.method === "GET" && routeRowContent(url.pathname, response)) return;
  send(response, 404, Buffer.from('{"id":"not_found","message":"Not found"}'), "application/json");
}

/** The workspace's Collections, all on one page, and each one's Datasets, page by page. */
function routeWorkspace(
  method: string | undefined,
  url: URL,
  response: ServerResponse,
  workspace: { spaces: number; datasetsPerSpace: number },
): boolean {
  if (method !== "GET") return false;
  const spaces = SPACES.exec(url.pathname);
  if (spaces) {
    const [, account = ""] = spaces;
    const body = JSON.stringify({
      _links: { self: { href: `/api/${account}/spaces` } },
      _embedded: {
        spaces: Array.from({ length: workspace.spaces }, (_, i) => ({
          token: `ws-${i}`,
          name: `Collection ${i}`,
          _links: { self: { href: `/api/${account}/collections/ws-${i}` } },
        })),
      },
      pagination: { page: 1, total_pages: 1, total_count: workspace.spaces },
    });
    send(response, 200, Buffer.from(body), "application/hal+json");
    return true;
  }
  const listing = SPACE_LISTING.exec(url.pathname);
  if (!listing) return false;
  const [, account = "", space = ""] = listing;
  const page = Number(url.searchParams.get("page") ?? "1");
  const perPage = Number(url.searchParams.get("per_page") ?? "30");
  const key = `${space}:${page}:${perPage}`;
  let body = pages.get(key);
  if (!body) {
    body = listingPageBody(account, space, workspace.datasetsPerSpace, page, perPage);
    pages.set(key, body);
  }
  send(response, 200, body, "application/hal+json");
  return true;
}

/** Dataset runs that end `runMs` after they were started (or never). */
function routeRuns(
  method: string | undefined,
  url: URL,
  response: ServerResponse,
  runMs: number | null,
): boolean {
  const runBody = (account: string, dataset: string, token: string, state: string): Buffer =>
    Buffer.from(
      JSON.stringify({
        token,
        state,
        created_at: new Date().toISOString(),
        _links: { self: { href: `/api/${account}/datasets/${dataset}/runs/${token}` } },
      }),
    );
  const start = RUN_START.exec(url.pathname);
  if (method === "POST" && start) {
    const [, account = "", dataset = ""] = start;
    const token = (runsStarted.size + 1).toString(16).padStart(12, "0");
    runsStarted.set(token, performance.now());
    send(response, 202, runBody(account, dataset, token, "enqueued"), "application/hal+json");
    return true;
  }
  const run = RUN.exec(url.pathname);
  if (method !== "GET" || !run) return false;
  const [, account = "", dataset = "", token = ""] = run;
  const started = runsStarted.get(token);
  if (started === undefined) return false;
  const done = runMs !== null && performance.now() - started >= runMs;
  send(
    response,
    200,
    runBody(account, dataset, token, done ? "succeeded" : "pending"),
    "application/hal+json",
  );
  return true;
}

if (config.keepAliveTimeoutMs !== undefined) server.keepAliveTimeout = config.keepAliveTimeoutMs;

server.on("connection", (socket) => {
  stats.openConnections++;
  stats.peakConnections = Math.max(stats.peakConnections, stats.openConnections);
  socket.on("close", () => stats.openConnections--);
});

// Sliding-window log of accepted arrivals; never longer than `requests`.
function limited(requests: number, windowMs: number): boolean {
  const now = performance.now();
  while (arrivals.length > 0 && (arrivals[0] ?? 0) <= now - windowMs) arrivals.shift();
  if (arrivals.length >= requests) return true;
  arrivals.push(now);
  return false;
}

function send(
  response: ServerResponse,
  status: number,
  body: Buffer,
  contentType: string,
  extra: Record<string, string> = {},
): void {
  response.writeHead(status, {
    "content-type": contentType,
    "content-length": body.length,
    ...extra,
  });
  response.end(body);
}

process.on("message", (message: ServerMessage) => {
  if (message.type === "stats") process.send?.({ type: "stats", stats: { ...stats } });
  if (message.type === "reset") {
    stats.requests = 0;
    stats.rateLimited = 0;
    stats.peakConnections = stats.openConnections;
    stats.peakInFlight = stats.inFlight;
    stats.arrivals = [];
    arrivals.length = 0;
    process.send?.({ type: "reset" });
  }
});

// The parent going away (crash, Ctrl-C) ends the server too: no orphaned processes.
process.on("disconnect", () => process.exit(0));

server.listen(0, "127.0.0.1", () => {
  process.send?.({ type: "ready", port: (server.address() as AddressInfo).port });
});
