// `npm start`: the first five minutes. Builds the spec, types, client and docs, starts the
// validating mock on 127.0.0.1:4010 and the docs on 127.0.0.1:4011, then prints ready-to-paste
// curl and TypeScript snippets that work against the mock. Ctrl-C stops both, and so does SIGTERM
// to any process of the chain: this one, npm, or the shell between them (npm passes no signal
// on, so this process also stops when npm is gone).
// Options: `npm start -- --port N` (mock; or PORT), DOCS_PORT=N (docs; 0 picks a free port),
// `--skip-build` to serve what is already built.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_GRACE_MS } from "../kit/front-options.js";
import { DEFAULT_MAX_BODY_BYTES } from "../kit/front/front.js";
import { startMockServer, type MockServer } from "../kit/mock-server.js";
import { parseCommandLine } from "../kit/options.js";
import { packageRoot as repoRoot } from "../kit/package-root.js";
import { whenNpmParentGone } from "../kit/process/parent-watch.js";
import { serveOptions, serveSettings } from "../kit/serve-options.js";
import { buildDocs, docsDir } from "../site/docs-builder.js";
import { serveDirectory, type StaticServer } from "../site/static-server.js";
import { firstRunSnippets } from "./start-snippets.js";

const startOptions = {
  ...serveOptions,
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

async function main(): Promise<void> {
  const line = parseCommandLine(
    "npm start --",
    { options: startOptions, takes: "nothing" },
    process.argv.slice(2),
  );
  if (line.help) {
    console.log(
      "usage: npm start -- [--port N] [--host H] [--spec FILE] [--skip-build]; DOCS_PORT=N for the docs",
    );
    return;
  }
  const { host, port, spec } = serveSettings(line.options, process.env);
  const docsPortNumber = docsPort(process.env);

  let mock: MockServer | undefined;
  let docs: StaticServer | undefined;
  let stopping = false;
  const stop = async (code: number): Promise<never> => {
    stopping = true;
    await Promise.allSettled([mock?.stop(DEFAULT_GRACE_MS), docs?.close()]);
    process.exit(code);
  };
  // Ctrl-C is how this command is meant to end: the mock and the docs server are closed and the
  // exit code is 0. A second Ctrl-C exits at once (Prism's guard still ends Prism).
  const onSignal = (): void => {
    if (stopping) process.exit(130);
    console.log("\nStopping the mock and the docs server ...");
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
    await buildDocs({ spec });
    process.stdout.write("done\n");
  }

  try {
    mock = await startMockServer({ host, port, spec, maxBodyBytes: DEFAULT_MAX_BODY_BYTES });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `${reason}\nIs port ${port} taken? Choose another with: npm start -- --port 4020`,
    );
  }
  try {
    docs = await serveDirectory(served, { host, port: docsPortNumber });
  } catch (error) {
    await mock.stop(0);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `cannot serve the docs on ${host}:${docsPortNumber} (${reason}); choose another port with DOCS_PORT=4021`,
    );
  }

  const bundled = JSON.parse(await readFile(join(repoRoot, "generated", "openapi.json"), "utf8"));
  const snippets = firstRunSnippets(bundled, mock.baseUrl);
  console.log(`
Mode Datasets API, mocked and documented:
  Mock (Prism, validating):  ${mock.baseUrl}   any token and secret are accepted
  API reference:             ${docs.url}/
  Bundled spec:              ${docs.url}/openapi.yaml  (and /openapi.json)

Try the mock with curl:

${snippets.curl}

Or with the typed client (paste into a shell in this folder; it writes build/try-mode.ts and runs it):

${snippets.typeScript}

Every operation has both samples in the reference. Requests that break the spec get a 4xx and
an sl-violations header; see "npm run mock" for how to read them. An error answer on demand:
add the header \`Prefer: code=404\` (or any status the operation documents). Ctrl-C stops
everything.
`);

  const code = await mock.prism.exited;
  if (!stopping) {
    console.error(`start: Prism exited with ${code}. Its log:\n${mock.prism.log()}`);
    await stop(1);
  }
}

main().catch((error: unknown) => {
  console.error(`start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
