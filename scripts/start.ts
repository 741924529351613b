// `npm start`: the first five minutes. Builds the spec, types, client and docs, starts the Prism
// mock on 127.0.0.1:4010 and the docs on 127.0.0.1:4011, then prints ready-to-paste curl and
// TypeScript snippets that work against the mock. Ctrl-C stops both.
// Options: `npm start -- --port N` (mock; or PORT), DOCS_PORT=N (docs; 0 picks a free port).
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { buildDocs, docsDir } from "../site/docs-builder.js";
import { parseCommandLine } from "../kit/options.js";
import { serveOptions, serveSettings } from "../kit/serve-options.js";
import { packageRoot as repoRoot, startPrism, type PrismServer } from "../kit/prism/launcher.js";
import { firstRunSnippets } from "./start-snippets.js";
import { serveDirectory, type StaticServer } from "../site/static-server.js";

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
    { options: serveOptions, takes: "nothing" },
    process.argv.slice(2),
  );
  if (line.help) {
    console.log(
      "usage: npm start -- [--port N] [--host H] [--spec FILE]; DOCS_PORT=N for the docs",
    );
    return;
  }
  const { host, port, spec } = serveSettings(line.options, process.env);
  const docsPortNumber = docsPort(process.env);

  console.log("Building:");
  await step("spec and types (npm run generate)", "npm", ["run", "--silent", "generate"]);
  await step("client (npm run build)", "npm", ["run", "--silent", "build"]);
  process.stdout.write("  docs (npm run docs) ... ");
  await buildDocs({ spec });
  process.stdout.write("done\n");

  let prism: PrismServer | undefined;
  let docs: StaticServer | undefined;
  let stopping = false;
  const stop = async (code: number): Promise<never> => {
    stopping = true;
    await Promise.allSettled([prism?.stop(), docs?.close()]);
    process.exit(code);
  };
  // The launcher also stops Prism on these signals, and re-raises the signal only when nobody
  // else listens: this listener stays, so the docs server is closed and the exit code is 0,
  // because Ctrl-C is how this command is meant to end. A second Ctrl-C exits at once.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(130);
      console.log("\nStopping the mock and the docs server ...");
      void stop(0);
    });
  }

  try {
    prism = await startPrism({ mode: "mock", document: spec, host, port });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `${reason}\nIs port ${port} taken? Choose another with: npm start -- --port 4020`,
    );
  }
  try {
    docs = await serveDirectory(docsDir, { host, port: docsPortNumber });
  } catch (error) {
    await prism.stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `cannot serve the docs on ${host}:${docsPortNumber} (${reason}); choose another port with DOCS_PORT=4021`,
    );
  }

  const bundled = JSON.parse(await readFile(join(repoRoot, "generated", "openapi.json"), "utf8"));
  const snippets = firstRunSnippets(bundled, prism.baseUrl);
  console.log(`
Mode Datasets API, mocked and documented:
  Mock (Prism, validating):  ${prism.baseUrl}   any token and secret are accepted
  API reference:             ${docs.url}/
  Bundled spec:              ${docs.url}/openapi.yaml  (and /openapi.json)

Try the mock with curl:

${snippets.curl}

Or with the typed client (paste into a shell in this folder; it writes build/try-mode.ts and runs it):

${snippets.typeScript}

Every operation has both samples in the reference. Requests that break the spec get a 4xx and
an sl-violations header; see "npm run mock" for how to read them. Ctrl-C stops everything.
`);

  const code = await prism.exited;
  if (!stopping) {
    console.error(`start: Prism exited with ${code}. Its log:\n${prism.log()}`);
    await stop(1);
  }
}

main().catch((error: unknown) => {
  console.error(`start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
