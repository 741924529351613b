import {
  createModeDatasets,
  DEFAULTS,
  ModeRunTimeoutError,
  type WaitForRunOptions,
} from "../src/index.js";
import { pollSchedule, pollsWithin } from "../src/datasets/wait-for-run.js";
import type { Row } from "./report.js";
import { startServer } from "./server-process.js";
import { ACCOUNT, DATASET, SECRET, TOKEN } from "./variants.js";

export interface WaitSettings {
  /** The defaults' durations divided by this (waits, timeout, the run's length). */
  timeScale: number;
  latencyMs: number;
  /** How long the run that ends takes, unscaled. */
  runMs: number;
  /** The timeout for the run that never ends, unscaled. */
  timeoutMs: number;
}

/**
 * waitForRun against a server whose Dataset run ends after `runMs`, and one whose run never
 * ends: the polls the server received may not exceed what the schedule fits into the time the
 * wait took, no two may be in flight at once, and no gap between two polls may be shorter than
 * the wait the schedule puts between them.
 */
export async function measureWaitForRun(settings: WaitSettings): Promise<Row[]> {
  const scale = settings.timeScale;
  const defaults = DEFAULTS.waitForRun;
  const options: WaitForRunOptions = {
    intervalMs: defaults.intervalMs / scale,
    backoff: defaults.backoff,
    maxIntervalMs: defaults.maxIntervalMs / scale,
  };
  const rows: Row[] = [];
  for (const runMs of [settings.runMs / scale, null]) {
    const server = await startServer({
      latencyMs: settings.latencyMs,
      runs: { runMs },
      recordArrivals: true,
    });
    try {
      const mode = createModeDatasets({ baseUrl: server.origin, token: TOKEN, secret: SECRET });
      const params = { account: ACCOUNT, dataset: DATASET };
      const started = await mode.datasets.run(params);
      const begin = performance.now();
      let outcome: string;
      try {
        const run = await mode.waitForRun(
          { ...params, run: started.token },
          { ...options, timeoutMs: settings.timeoutMs / scale },
        );
        outcome = run.state;
      } catch (error) {
        if (!(error instanceof ModeRunTimeoutError)) throw error;
        outcome = "timed out";
      }
      const elapsed = performance.now() - begin;
      const stats = await server.stats();
      const polls = stats.arrivals.filter((arrival) => arrival.url.includes("/runs/"));
      const allowed = pollsWithin(options, elapsed);
      const wait = pollSchedule(options);
      // The gap before poll k+1 holds poll k's answer and then the whole wait k+1.
      const tightest = Math.min(
        ...polls.slice(1).map((poll, k) => (poll.at - (polls[k]?.at ?? 0)) / wait(k + 2)),
      );
      const section = `waitForRun, run ${runMs === null ? "that never ends" : `ending after ${runMs} ms`}; waits ${options.intervalMs} ms x ${options.backoff} up to ${options.maxIntervalMs} ms (defaults / ${scale}), ${settings.latencyMs} ms latency`;
      rows.push(
        {
          section,
          measure: `outcome; seconds waited (timeout ${settings.timeoutMs / scale / 1000} s)`,
          value: `${outcome}; ${(elapsed / 1000).toFixed(2)} s`,
          target: runMs === null ? "timed out" : "succeeded",
          ok: outcome === (runMs === null ? "timed out" : "succeeded"),
        },
        {
          section,
          measure: "polls the server received / polls the schedule fits in that time",
          value: `${polls.length} / ${allowed}`,
          target: "<= allowed",
          ok: polls.length <= allowed,
        },
        {
          section,
          measure:
            "polls in flight at once, at most; shortest gap between polls / its scheduled wait",
          value: `${stats.peakInFlight}; ${Number.isFinite(tightest) ? tightest.toFixed(2) : "n/a"}`,
          target: "1; >= 1.00",
          ok: stats.peakInFlight <= 1 && (!Number.isFinite(tightest) || tightest >= 1),
        },
      );
    } finally {
      await server.stop();
    }
  }
  return rows;
}
