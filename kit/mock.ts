// `npm run mock [-- --port N]`: the validating mock of Mode's Datasets API for any client.
// Prism answers from the spec's examples and, with --errors, refuses requests that break the
// spec (4xx) and examples that break their own schema (500). Ctrl-C stops it.
import { startPrism } from "./prism/launcher.js";
import { parseServeArgs } from "./prism/cli-args.js";

async function main(): Promise<void> {
  const { host, port, spec, positionals } = parseServeArgs(process.argv.slice(2), process.env);
  if (positionals.length > 0)
    throw new Error(
      `unexpected argument ${positionals[0]}; usage: npm run mock -- [--port N] [--host H] [--spec FILE]`,
    );
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
  - A request that breaks the spec gets a 4xx instead of an example: 400 (bad parameter or body),
    401 (no Basic credentials), 404 (no such path), 405 (no such method), 406 (Accept excludes
    application/hal+json).
  - The answer's \`sl-violations\` header lists each problem as {location, severity, code, message}:
    [{"location":["request","query","filter"],"severity":"Error","code":"pattern","message":"..."}]
    (404, 405 and 406 name theirs in an application/problem+json body instead).
  - A 500 with response.* violations means one of the spec's own examples is wrong.
  - The log below repeats each problem as "Violation: <location> <message>" under its request.
  - For a summary table over a whole test run: npm run contract -- <your test command>
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
