// `npm start`: the first five minutes. Builds the spec, types, client and docs, serves the
// simulator (a seeded Mode workspace that keeps state, pages, runs and rate-limits as Mode does)
// on 127.0.0.1:4010 and the docs on 127.0.0.1:4011, then prints ready-to-paste curl and
// TypeScript snippets that work against it. The simulator rather than the Prism mock, because a
// newcomer's first tries are a filter, a second page, a rename, a run: the mock answers each with
// the same fixed example, which looks like a broken client. The mock stays one command away
// (`npm run mock`) for checking requests against the spec.
// Ctrl-C stops both and prints the simulator's verdict on what it saw, and so does SIGTERM to any
// process of the chain: this one, npm, or the shell between them (npm passes no signal on, so
// this process also stops when npm is gone).
// Options: `npm start -- --port N` (simulator; or PORT), DOCS_PORT=N (docs; 0 picks a free port),
// `--time-scale K` (Mode's clock K times faster; default 10), `--skip-build` to serve what is
// already built.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseCommandLine } from "../kit/options.js";
import { packageRoot as repoRoot } from "../kit/package-root.js";
import { whenNpmParentGone } from "../kit/process/parent-watch.js";
import { serveOptions, serveSettings } from "../kit/serve-options.js";
import { createEngine } from "../kit/simulator/engine.js";
import { serveSimulator, type SimulatorServer } from "../kit/simulator/http/serve.js";
import { summaryText } from "../kit/simulator/report/summary-text.js";
import { buildDocs, docsDir } from "../site/docs-builder.js";
import { serveDirectory, type StaticServer } from "../site/static-server.js";
import { firstRunSnippets } from "./start-snippets.js";

// Ten times faster: a run ends in seconds instead of a minute, and the rate-limit window is one
// second; `--time-scale 1` gives Mode's own pace.
const DEFAULT_TIME_SCALE = 10;

const startOptions = {
  port: serveOptions.port,
  host: serveOptions.host,
  "time-scale": {
    type: "string",
    value: "K",
    description: `run Mode's clock K times faster: runs, the rate-limit window and Retry-After (default ${DEFAULT_TIME_SCALE})`,
  },
  "skip-build": {
    type: "boolean",
    description: "serve what `npm run build` last built: no generate, build or docs steps",
  },
} as const;

/** Runs one build step quietly; on failure, prints what it printed and stops. */
async function step(label: string, command: string, args: string[]): Promise<void> {
  process.stdout.write(`  ${label} ... `);
  await new Promise<void>((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error)
          reject(new Error(`${label} failed (${command} ${args.join(" ")}):\n${stdout}${stderr}`));
        else resolve();
      },
    );
  });
  process.stdout.write("done\n");
}

function docsPort(env: NodeJS.ProcessEnv): number {
  const raw = env["DOCS_PORT"] ?? "4011";
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`DOCS_PORT must be an integer from 0 to 65535, got ${JSON.stringify(raw)}`);
  }
  return port;
}

function timeScaleOf(text: string | undefined): number {
  if (text === undefined) return DEFAULT_TIME_SCALE;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value)) {
    throw new Error(`--time-scale must be a number, got ${JSON.stringify(text)}`);
  }
  return value;
}

async function main(): Promise<void> {
  const line = parseCommandLine(
    "npm start --",
    { options: startOptions, takes: "nothing" },
    process.argv.slice(2),
  );
  if (line.help) {
    console.log(
      "usage: npm start -- [--port N] [--host H] [--time-scale K] [--skip-build]; DOCS_PORT=N for the docs",
    );
    return;
  }
  const { host, port } = serveSettings(line.options, process.env);
  const docsPortNumber = docsPort(process.env);
  // Made before the build, so a bad --time-scale is named at once.
  const engine = createEngine({ timeScale: timeScaleOf(line.options["time-scale"]) });

  let simulator: SimulatorServer | undefined;
  let docs: StaticServer | undefined;
  let stopping = false;
  const stop = async (code: number): Promise<never> => {
    stopping = true;
    await Promise.allSettled([simulator?.close(), docs?.close()]);
    if (simulator) console.log(`\n${summaryText(engine.report())}`);
    process.exit(code);
  };
  // Ctrl-C is how this command is meant to end: both servers are closed and the exit code is 0.
  // A second Ctrl-C exits at once.
  const onSignal = (): void => {
    if (stopping) process.exit(130);
    console.log("\nStopping the simulator and the docs server ...");
    void stop(0);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, onSignal);
  whenNpmParentGone(onSignal);

  let served = docsDir;
  if (line.options["skip-build"]) {
    served = join(repoRoot, "dist", "docs");
  } else {
    console.log("Building:");
    await step("spec and types (npm run generate)", "npm", ["run", "--silent", "generate"]);
    await step("client (npm run build)", "npm", ["run", "--silent", "build"]);
    process.stdout.write("  docs (npm run docs) ... ");
    await buildDocs();
    process.stdout.write("done\n");
  }

  try {
    simulator = await serveSimulator(engine, { host, port });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `cannot serve the simulator on ${host}:${port} (${reason}); choose another port with: npm start -- --port 4020`,
    );
  }
  try {
    docs = await serveDirectory(served, { host, port: docsPortNumber });
  } catch (error) {
    await simulator.close();
    simulator = undefined;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `cannot serve the docs on ${host}:${docsPortNumber} (${reason}); choose another port with DOCS_PORT=4021`,
    );
  }

  const bundled = JSON.parse(await readFile(join(repoRoot, "generated", "openapi.json"), "utf8"));
  const baseUrl = `${simulator.url}/api`;
  const snippets = firstRunSnippets(bundled, baseUrl);
  const { seed, collections, datasets, timeScale } = engine.options;
  console.log(`
Mode Datasets API, simulated and documented:
  Simulator:      ${baseUrl}   any token and secret are accepted
                  workspace northwind (seed ${seed}, ${collections} Collections, ${datasets} Datasets); Mode's clock runs ${timeScale}x faster
  API reference:  ${docs.url}/
  Bundled spec:   ${docs.url}/openapi.yaml  (and /openapi.json)

The simulator behaves like Mode: filters and pages work, writes read back, runs take time (some
fail), and past 40 requests in 10 s of its clock it answers 429 with Retry-After.

Try it with curl (every Collection of the workspace):

${snippets.curl}

Or take the typed client on a tour (paste into a shell in this folder; it writes build/try-mode.ts
and runs it): a filter and paging, a rename that reads back, a run from enqueued to its end.

${snippets.typeScript}

To check requests against the spec instead (every answer validated, the spec's examples, an error
on demand with Prefer: code=404), run the contract mock: npm run mock.
Ctrl-C stops everything and prints the simulator's verdict on how the client behaved.
`);
}

main().catch((error: unknown) => {
  console.error(`start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
