import { createModeDatasets, DEFAULTS } from "../src/index.js";
import { fixed, type Row } from "./report.js";
import { startServer } from "./server-process.js";
import { median } from "./stats.js";
import { ACCOUNT, SECRET, TOKEN } from "./variants.js";

export interface WalkSettings {
  spaces: number;
  datasets: number;
  /** Mode's window divided by this (10 s / 10 = 1 s); the client's limiter is scaled the same. */
  timeScale: number;
  /** Added to every answer: Mode's tens to hundreds of milliseconds, scaled down. */
  latencyMs: number;
  /** Walks, each on a fresh server and client; the rate shown is their median. */
  rounds: number;
}

interface Walk {
  items: number;
  collections: number;
  requests: number;
  rateLimited: number;
  peakInFlight: number;
  seconds: number;
  spanMs: number;
  floorMs: number;
}

/**
 * iterateAllDatasets over a workspace on a server that enforces Mode's limit (scaled down in
 * time), through the default limiter scaled the same way and the default concurrency. A walk
 * that keeps the limiter busy sends its requests as fast as the limit allows: no 429s, and the
 * server sees them arrive over the shortest span the limit permits.
 */
export async function measureWalk(settings: WalkSettings): Promise<Row[]> {
  const { requests, intervalMs } = DEFAULTS.rateLimit;
  const windowMs = intervalMs / settings.timeScale;
  const walks: Walk[] = [];
  for (let round = 0; round < settings.rounds; round++) walks.push(await walk(settings, windowMs));
  const ratios = walks.map((one) => one.floorMs / one.spanMs);
  const ratio = median(ratios);
  const complete = walks.every(
    (one) => one.items === settings.datasets && one.collections === settings.spaces,
  );
  const rateLimited = walks.reduce((sum, one) => sum + one.rateLimited, 0);
  const peak = Math.max(...walks.map((one) => one.peakInFlight));
  const [sample] = walks;
  const section = `workspace walk, ${fixed(settings.spaces)} Collections / ${fixed(settings.datasets)} Datasets, ${requests} per ${fixed(windowMs)} ms, ${settings.latencyMs} ms latency`;
  return [
    {
      section,
      measure: `Datasets yielded (Collections); requests; seconds, each of ${settings.rounds} walks`,
      value: `${fixed(sample?.items ?? 0)} (${sample?.collections ?? 0}); ${fixed(sample?.requests ?? 0)}; ${walks.map((one) => one.seconds.toFixed(2)).join(", ")} s`,
      target: `${fixed(settings.datasets)} (${settings.spaces}) each`,
      ok: complete,
    },
    {
      section,
      measure: "429s sent by the server, all walks",
      value: String(rateLimited),
      target: "0",
      ok: rateLimited === 0,
    },
    {
      section,
      measure: `request rate as a share of the allowed rate (fastest span ${((sample?.floorMs ?? 0) / 1000).toFixed(1)} s / span from first to last arrival), median (each walk)`,
      value: `${ratio.toFixed(3)} (${ratios.map((one) => one.toFixed(3)).join(", ")})`,
      target: ">= 0.950",
      ok: ratio >= 0.95,
    },
    {
      section,
      measure: "requests in flight at once on the server, at most",
      value: String(peak),
      target: `<= concurrency ${DEFAULTS.iterateAllDatasets.concurrency}`,
      ok: peak <= DEFAULTS.iterateAllDatasets.concurrency,
    },
  ];
}

async function walk(settings: WalkSettings, windowMs: number): Promise<Walk> {
  const { requests } = DEFAULTS.rateLimit;
  const server = await startServer({
    rateLimit: { requests, windowMs },
    latencyMs: settings.latencyMs,
    workspace: {
      spaces: settings.spaces,
      datasetsPerSpace: Math.ceil(settings.datasets / settings.spaces),
    },
    recordArrivals: true,
  });
  try {
    const mode = createModeDatasets({
      baseUrl: server.origin,
      token: TOKEN,
      secret: SECRET,
      rateLimit: { requests, intervalMs: windowMs },
    });
    let items = 0;
    const collections = new Set<string>();
    const begin = performance.now();
    for await (const { space } of mode.iterateAllDatasets({ account: ACCOUNT })) {
      items++;
      collections.add(space.token);
    }
    const seconds = (performance.now() - begin) / 1000;
    const stats = await server.stats();
    const accepted = stats.arrivals.length;
    const first = stats.arrivals[0]?.at ?? 0;
    const last = stats.arrivals[accepted - 1]?.at ?? 0;
    return {
      items,
      collections: collections.size,
      requests: stats.requests,
      rateLimited: stats.rateLimited,
      peakInFlight: stats.peakInFlight,
      seconds,
      spanMs: last - first,
      // The server lets `requests` arrive in any window: n arrivals need at least
      // ceil(n / requests) - 1 windows between the first and the last.
      floorMs: (Math.ceil(accepted / requests) - 1) * windowMs,
    };
  } finally {
    await server.stop();
  }
}
