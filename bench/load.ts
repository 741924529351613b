import { setTimeout as sleep } from "node:timers/promises";
import { createModeClient, DEFAULTS } from "../src/index.js";
import { fixed, type Row } from "./report.js";
import { startServer } from "./server-process.js";
import { ACCOUNT, DATASET, SECRET, TOKEN, UNTHROTTLED } from "./variants.js";

export interface LoadSettings {
  requests: number;
  concurrency: number;
  /** Mode's window divided by this for the rate-limit check (10 s / 10 = 1 s). */
  timeScale: number;
  /** Requests sent against the rate-limited server: a few windows' worth. */
  limitedRequests: number;
}

// Short, so a leaked (never released) connection is told apart from an idle keep-alive one
// quickly, but above 1 s: undici subtracts 1 s from the server's hint and drops keep-alive
// entirely when nothing is left, which would make every request open a new connection.
const KEEP_ALIVE_MS = 3_000;

interface Outcome {
  ok: number;
  failed: number;
  firstFailure?: string;
  seconds: number;
}

/**
 * Many concurrent requests through createModeClient: every one must succeed, nothing may reject
 * unhandled, and once the server's keep-alive timeout has passed no connection may remain (on
 * either side), which is what a body left unread or a stuck retry would cause.
 */
export async function measureLoad(settings: LoadSettings): Promise<Row[]> {
  let unhandled = 0;
  const onUnhandled = (): void => {
    unhandled++;
  };
  process.on("unhandledRejection", onUnhandled);
  try {
    return [...(await burst(settings)), ...(await rateLimited(settings))].map((row) =>
      row.measure === "unhandled rejections"
        ? { ...row, value: String(unhandled), ok: unhandled === 0 }
        : row,
    );
  } finally {
    process.off("unhandledRejection", onUnhandled);
  }
}

async function burst(settings: LoadSettings): Promise<Row[]> {
  const server = await startServer({ keepAliveTimeoutMs: KEEP_ALIVE_MS });
  try {
    const client = createModeClient({
      baseUrl: server.origin,
      token: TOKEN,
      secret: SECRET,
      rateLimit: UNTHROTTLED,
    });
    const outcome = await run(client, settings.requests, settings.concurrency);
    const right = await server.stats();
    const busyRightAfter = activeSockets();
    // Past the server's keep-alive timeout, and the client's (undici follows the server's hint).
    await sleep(KEEP_ALIVE_MS + 1_000);
    const later = await server.stats();
    const busyLater = activeSockets();
    const section = `load, ${fixed(settings.requests)} requests at concurrency ${settings.concurrency}`;
    return [
      {
        section,
        measure: "succeeded (req/s)",
        value: `${fixed(outcome.ok)} of ${fixed(settings.requests)} (${fixed(outcome.ok / outcome.seconds)})${outcome.firstFailure ? `; first failure: ${outcome.firstFailure}` : ""}`,
        target: "all",
        ok: outcome.ok === settings.requests,
      },
      { section, measure: "unhandled rejections", value: "", target: "0" },
      {
        section,
        measure: "right after: server connections peak / open / in flight; client busy sockets",
        value: `${right.peakConnections} / ${right.openConnections} / ${right.inFlight}; ${busyRightAfter}`,
        target: "0 in flight, 0 busy",
        ok: right.inFlight === 0 && busyRightAfter === 0,
      },
      {
        section,
        measure: `${(KEEP_ALIVE_MS + 1_000) / 1000} s later: server connections open; client busy sockets`,
        value: `${later.openConnections}; ${busyLater}`,
        target: "0; 0",
        ok: later.openConnections === 0 && busyLater === 0,
      },
    ];
  } finally {
    await server.stop();
  }
}

/** The default limiter, scaled like the server, against a server enforcing Mode's documented limit. */
async function rateLimited(settings: LoadSettings): Promise<Row[]> {
  const { requests, intervalMs } = DEFAULTS.rateLimit;
  const windowMs = intervalMs / settings.timeScale;
  const server = await startServer({
    rateLimit: { requests, windowMs },
    keepAliveTimeoutMs: KEEP_ALIVE_MS,
  });
  try {
    const client = createModeClient({
      baseUrl: server.origin,
      token: TOKEN,
      secret: SECRET,
      rateLimit: { requests, intervalMs: windowMs },
    });
    const outcome = await run(client, settings.limitedRequests, settings.concurrency);
    const stats = await server.stats();
    const section = `rate limit, server allows ${requests} per ${fixed(windowMs)} ms (Mode's 10 s / ${settings.timeScale})`;
    // The limiter's floor: the first `requests` go at once, then one window per further batch.
    const floor = (Math.ceil(settings.limitedRequests / requests - 1) * windowMs) / 1000;
    return [
      {
        section,
        measure: "429s sent by the server (of requests received)",
        value: `${stats.rateLimited} (of ${stats.requests})`,
        target: "0",
        ok: stats.rateLimited === 0,
      },
      {
        section,
        measure: `succeeded; seconds taken (floor ${floor.toFixed(1)})`,
        value: `${fixed(outcome.ok)} of ${fixed(settings.limitedRequests)}; ${outcome.seconds.toFixed(2)} s`,
        target: "all",
        ok: outcome.ok === settings.limitedRequests,
      },
    ];
  } finally {
    await server.stop();
  }
}

/**
 * Client sockets that keep the event loop alive. undici unrefs a socket while it idles in the
 * pool, so these are the ones still carrying a request or a body nobody finished reading.
 */
function activeSockets(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === "TCPSocketWrap").length;
}

async function run(
  client: ReturnType<typeof createModeClient>,
  total: number,
  concurrency: number,
): Promise<Outcome> {
  const outcome: Outcome = { ok: 0, failed: 0, seconds: 0 };
  let started = 0;
  const params = { path: { account: ACCOUNT, dataset: DATASET } };
  const worker = async (): Promise<void> => {
    while (started < total) {
      started++;
      try {
        const { data, response } = await client.GET("/{account}/datasets/{dataset}", { params });
        if (data && response.ok) outcome.ok++;
        else fail(`status ${response.status}`);
      } catch (error) {
        fail(error instanceof Error ? error.message : String(error));
      }
    }
  };
  const fail = (reason: string): void => {
    outcome.failed++;
    outcome.firstFailure ??= reason;
  };
  const begin = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  outcome.seconds = (performance.now() - begin) / 1000;
  return outcome;
}
