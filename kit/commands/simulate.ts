// `mode-datasets simulate [options] -- <command...>`: runs any client against a simulated Mode
// workspace on 127.0.0.1 and grades how it behaved. Starts the simulator, runs the command with
// MODE_BASE_URL, MODE_API_TOKEN and MODE_API_SECRET pointing at it, stops the simulator when the
// command ends, prints the findings and the verdict, and writes --json, --junit and --html. With
// --port and no command it serves until Ctrl-C or SIGTERM, for trying clients by hand.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { defineCommand } from "../command.js";
import { frontOptions, frontSettings } from "../front-options.js";
import { runCommand } from "../process/run-command.js";
import { reportOptions } from "../run-report.js";
import { serveOptions } from "../serve-options.js";
import { createEngine } from "../simulator/engine.js";
import { serveSimulator } from "../simulator/http/serve.js";
import type { SimulatorReport } from "../simulator/report/build.js";
import { toJunit } from "../simulator/report/junit.js";
import { summaryText } from "../simulator/report/summary-text.js";
import { timelinePage } from "../simulator/report/timeline-html.js";
import { SIMULATOR_DEFAULTS } from "../simulator/options.js";
import { FAULTS } from "../simulator/faults.js";
import { untilStopped } from "../stop-signal.js";

/** The credentials the command is given: the simulator takes any, and no real one is sent. */
const TOKEN = "simulator-token";
const SECRET = "simulator-secret";

const options = {
  seed: {
    type: "string",
    value: "N",
    description: `the workspace's seed (default ${SIMULATOR_DEFAULTS.seed})`,
  },
  collections: {
    type: "string",
    value: "N",
    description: `how many Collections (default ${SIMULATOR_DEFAULTS.collections})`,
  },
  datasets: {
    type: "string",
    value: "N",
    description: `how many Datasets (default ${SIMULATOR_DEFAULTS.datasets})`,
  },
  "time-scale": {
    type: "string",
    value: "K",
    description:
      "run Mode's clock K times faster: the rate-limit window, runs and Retry-After (default 1)",
  },
  faults: {
    type: "string",
    value: "SPEC",
    description: `faults by name and count, e.g. write-reset=1 (${Object.keys(FAULTS).join(", ")})`,
  },
  port: {
    type: "string",
    short: "p",
    value: "N",
    description: "port to listen on (default: a free one); with no command, serve until Ctrl-C",
  },
  host: serveOptions.host,
  "grace-ms": frontOptions["grace-ms"],
  strict: reportOptions.strict,
  junit: {
    type: "string",
    value: "FILE",
    description:
      "write a JUnit XML report (one test case per conduct rule and kind of bad request)",
  },
  json: {
    type: "string",
    value: "FILE",
    description: "write the report as JSON (verdict, findings, evidence)",
  },
  html: {
    type: "string",
    value: "FILE",
    description: "write the timeline page (one offline HTML file)",
  },
} as const;

/** A number option, or undefined when not given; the simulator checks its range. */
function numberOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value)) {
    throw new Error(`--${name} must be a number, got ${JSON.stringify(text)}`);
  }
  return value;
}

function writeReports(
  report: SimulatorReport,
  files: { json?: string | undefined; junit?: string | undefined; html?: string | undefined },
  html: () => string,
): void {
  for (const [file, render] of [
    [files.json, () => `${JSON.stringify(report, null, 2)}\n`],
    [files.junit, () => toJunit(report)],
    [files.html, html],
  ] as const) {
    if (file === undefined) continue;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, render());
    console.log(`simulate: wrote ${file}`);
  }
}

export const simulate = defineCommand({
  summary: "runs your command against a simulated Mode workspace and grades its conduct",
  usage: "[options] [--] <command> [args...]   (or --port N alone, to serve until Ctrl-C)",
  about: `Starts a simulated Mode workspace, northwind, on 127.0.0.1 and runs <command> with
MODE_BASE_URL, MODE_API_TOKEN and MODE_API_SECRET pointing at it. The workspace keeps state, runs
take time and some fail, the rate limit is Mode's; afterwards every finding on the client's conduct
is printed (Retry-After ignored, writes repeated after a reset, listings left early, runs polled too
fast, requests that break the spec) with a verdict. A single argument containing spaces is run
through the shell ("pytest -q tests/").`,
  options,
  takes: "command",
  footer: `Exit codes: 0 pass; 1 an error finding (or a warning under --strict), or the command sent no
request; the command's own code when it failed; 2 the simulator could not run; 127 the command was
not found.`,
  async run(values, command) {
    if (command.length === 0 && values.port === undefined) {
      throw new Error(
        "no command given, and no --port to serve on; see mode-datasets simulate --help",
      );
    }
    const { graceMs } = frontSettings(
      values["grace-ms"] === undefined ? {} : { "grace-ms": values["grace-ms"] },
    );
    const engine = createEngine({
      seed: numberOption("seed", values.seed),
      collections: numberOption("collections", values.collections),
      datasets: numberOption("datasets", values.datasets),
      timeScale: numberOption("time-scale", values["time-scale"]),
      faults: values.faults,
      strict: values.strict === true,
    });
    const port = numberOption("port", values.port) ?? 0;
    if (!Number.isInteger(port) || port < 0 || port > 65_535) {
      throw new Error(
        `--port must be an integer from 0 to 65535, got ${JSON.stringify(values.port)}`,
      );
    }
    const server = await serveSimulator(engine, { host: values.host, port });
    const baseUrl = `${server.url}/api`;
    const { seed, collections, datasets, timeScale, faultsText } = engine.options;
    const workspace = `northwind (seed ${seed}, ${collections} Collections, ${datasets} Datasets, time scale ${timeScale}${faultsText ? `, faults ${faultsText}` : ""})`;
    const files = { json: values.json, junit: values.junit, html: values.html };

    if (command.length === 0) {
      console.log(`Mode simulator: ${workspace} at ${baseUrl}
  Point your client at it:  MODE_BASE_URL=${baseUrl}   (any token and secret work)
  Try it:  curl -u token:secret -H 'Accept: application/hal+json' ${baseUrl}/northwind/spaces
Ctrl-C stops it and prints the verdict on everything it saw.`);
      await untilStopped(new Promise<never>(() => {}));
      await server.close();
      const report = engine.report();
      console.log(`\n${summaryText(report)}`);
      writeReports(report, files, () => timelinePage(engine, report));
      return 0;
    }

    console.error(`simulate: ${workspace} at ${baseUrl}; running: ${command.join(" ")}`);
    // In its own process group under the kit's guard: the command and everything it starts end
    // with it, on Ctrl-C or SIGTERM, or if this process dies.
    const end = await runCommand(command, {
      env: {
        ...process.env,
        MODE_BASE_URL: baseUrl,
        MODE_API_TOKEN: TOKEN,
        MODE_API_SECRET: SECRET,
      },
      graceMs,
    });
    if (end.error !== undefined)
      console.error(`simulate: could not run ${command[0]}: ${end.error}`);
    const exitCode = end.code;
    await server.close();
    const report = engine.report({ command: { argv: command, exitCode } });
    console.log(`\n${summaryText(report)}`);
    writeReports(report, files, () => timelinePage(engine, report));
    if (exitCode !== 0) return exitCode ?? 1;
    return report.verdict === "pass" ? 0 : 1;
  },
});
