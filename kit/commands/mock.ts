// `mode-datasets mock`: the validating mock of Mode's Datasets API for any client. Prism answers
// from the spec's examples and, with --errors, refuses requests that break the spec (4xx) and
// examples that break their own schema (500); the kit's front layer before it refuses dot
// segments and oversized bodies and honours `Prefer: code=N`. Ctrl-C stops it and exits 0.
import { defineCommand } from "../command.js";
import { frontOptions, frontSettings } from "../front-options.js";
import { startMockServer } from "../mock-server.js";
import { serveOptions, serveSettings } from "../serve-options.js";
import { untilStopped } from "../stop-signal.js";

export const mock = defineCommand({
  summary: "a validating mock of the API on 127.0.0.1:4010, for developing any client",
  usage: "[--port N] [--host H] [--spec FILE]",
  about: `Serves a validating mock of Mode's Datasets API: every operation answers with the spec's
examples, and a request that breaks the spec gets a 4xx naming the problem.`,
  options: { ...serveOptions, ...frontOptions },
  takes: "nothing",
  async run(options) {
    const { host, port, spec } = serveSettings(options, process.env);
    const { maxBodyBytes, graceMs } = frontSettings(options);
    // Prism's startup lines are printed with the banner; later lines (one block per request) live.
    let live = false;
    const mock = await startMockServer({
      host,
      port,
      spec,
      maxBodyBytes,
      onLog: (chunk) => {
        if (live) process.stdout.write(chunk);
      },
    });
    process.stdout.write(mock.prism.log());
    console.log(banner(mock.baseUrl));
    live = true;
    const stopped = await untilStopped(mock.prism.exited);
    if (stopped === "signal") {
      await mock.stop(graceMs);
      console.log("mock: stopped");
      return 0;
    }
    await mock.stop(0);
    console.error(`mock: Prism exited on its own with ${String(stopped.code)}; its log is above`);
    return 1;
  },
});

function banner(baseUrl: string): string {
  return `
Mode Datasets mock (Prism, validating) at ${baseUrl}
  Point your client at it:  MODE_BASE_URL=${baseUrl}   (any token and secret work)
  Try it:  curl -u token:secret -H 'Accept: application/hal+json' ${baseUrl}/northwind/datasets/5a4177a2902c
  An error answer:  add -H 'Prefer: code=404' (any status the operation documents)

How to read violations:
  - A request that breaks the spec gets a 4xx instead of an example: 400 (bad parameter or body),
    401 (no Basic credentials), 404 (no such path), 405 (no such method).
  - The answer's \`sl-violations\` header lists each problem as {location, severity, code, message}:
    [{"location":["request","query","filter"],"severity":"Error","code":"pattern","message":"..."}]
    (404 and 405 name theirs in an application/problem+json body instead).
  - A 500 with response.* violations means one of the spec's own examples is wrong.
  - The log below repeats each problem as "Violation: <location> <message>" under its request
    (Prism listens behind the kit, on a port of its own: use the address above).
  - For a verdict over a whole test run: mode-datasets contract -- <your test command>
Ctrl-C stops the mock.
`;
}
