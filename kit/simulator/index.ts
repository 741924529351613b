// `mode-datasets/simulator`: a simulated Mode workspace in process, for tests in TypeScript.
// `createModeSimulator()` gives a fetch that answers as Mode does (state, runs that take time,
// the rate limit, faults on request) and a report on how the client behaved. It loads neither
// Prism nor node:http, and the client never imports it.
import { createEngine, RESET } from "./engine.js";
import type { SimulatorOptions } from "./options.js";
import type { ReportExtras, SimulatorReport } from "./report/build.js";
import { timelinePage } from "./report/timeline-html.js";
import { toJunit } from "./report/junit.js";

export type { ConductFinding, Evidence } from "./conduct/types.js";
export { FAULTS, type FaultName, type FaultsOption } from "./faults.js";
export { SIMULATOR_DEFAULTS, type SimulatorOptions } from "./options.js";
export type { SimulatorReport } from "./report/build.js";

export interface ModeSimulator {
  /**
   * Answers a request as Mode would, for any base URL (`https://app.mode.com/api` or another):
   * pass it as `fetch` to `createModeDatasets`. A reset connection rejects, as fetch does.
   */
  fetch(input: Request | string | URL, init?: RequestInit): Promise<Response>;
  /** The verdict and findings so far: the object `mode-datasets simulate --json` writes. */
  report(): SimulatorReport;
  /** The report as JUnit XML, for CI. */
  junit(): string;
  /** One self-contained HTML page: a timeline of the requests against the rate-limit window. */
  html(): string;
  /** Ends stalled and slow answers; later requests are refused. */
  close(): void;
}

/** A simulated Mode workspace, `northwind`, made from `seed`; see `SimulatorOptions` for the rest. */
export function createModeSimulator(options: SimulatorOptions = {}): ModeSimulator {
  const engine = createEngine(options);
  const report = (extras?: ReportExtras): SimulatorReport => engine.report(extras);
  return {
    async fetch(input, init) {
      const request =
        input instanceof Request && init === undefined ? input : new Request(input, init);
      const answer = await engine.handle(request);
      if (answer === RESET) {
        const cause = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
        throw new TypeError("fetch failed", { cause });
      }
      return answer;
    },
    report: () => report(),
    junit: () => toJunit(report()),
    html: () => timelinePage(engine, report()),
    close: () => engine.close(),
  };
}
