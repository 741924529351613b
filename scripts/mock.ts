// `npm run mock [-- --port N]`: the validating mock of Mode's Datasets API for any client.
// Prism answers from the spec's examples and, with --errors, refuses requests that break the
// spec (4xx) and examples that break their own schema (500). Ctrl-C stops it.
import { startPrism } from "./prism-launcher.js";
import { parseServeArgs } from "./prism-cli-args.js";

async function main(): Promise<void> {
  const { host, port, spec, positionals } = parseServeArgs(process.argv.slice(2), process.env);
  if (positionals.length > 0) throw new Error(`unexpected argument ${positionals[0]}; usage: npm run mock -- [--port N] [--host H] [--spec FILE]`);
  // Prism's startup lines are printed with the banner; later lines (one block per request) live.
  let live = false;
  const prism = await startPrism({
    mode: "mock",
    document: spec,
    host,
    port,
    onLog: (chunk) => {
      if (live) process.stdout.write(chunk);
    },
  });
  process.stdout.write(prism.log());
  console.log(`
Mode Datasets mock (Prism, validating) at ${prism.baseUrl}
  Point your client at it:  MODE_BASE_URL=${prism.baseUrl}   (any token and secret work)
  Try it:  curl -u token:secret -H 'Accept: application/hal+json' ${prism.baseUrl}/acme/datasets/8a3b3f6c2d1e

How to read violations:
  - A request that breaks the spec gets a 4xx (400, 401, 404, 405, 406 or 422) instead of an example.
  - Every answer to a request or response that broke the spec carries an \`sl-violations\` header:
    a JSON list of {location, severity, code, message}, e.g.
    [{"location":["request","query","filter"],"severity":"Error","code":"pattern","message":"..."}]
  - This log prints "Violation: <location> <message>" lines under each request.
  - For a summary table over a whole test run use: npm run contract -- <your test command>
Ctrl-C stops the mock.
`);
  live = true;
  const code = await prism.exited;
  console.error(`mock: Prism exited with ${code}`);
  process.exit(code ?? 1);
}

main().catch((error: unknown) => {
  console.error(`mock: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
