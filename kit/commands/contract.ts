// `mode-datasets contract [options] -- <command...>`: checks any client against the spec.
// Starts the validating mock behind the kit's front layer, runs the command in a process group
// of its own with MODE_BASE_URL pointing at it, then prints every violation (Prism's, the kit's
// rules' and the front's) as a table and a verdict. Fails when a request broke the contract, when
// the command failed, or when it sent no request at all (a run that sends nothing proves nothing).
import { defineCommand } from "../command.js";
import { startFront } from "../front/front.js";
import { frontOptions, frontSettings } from "../front-options.js";
import { bundledSpec } from "../package-root.js";
import { startPrism } from "../prism/launcher.js";
import { runCommand } from "../process/run-command.js";
import { reportOptions, reportRun } from "../run-report.js";
import { serveOptions } from "../serve-options.js";
import { loadSpec } from "../spec-file.js";

export const contract = defineCommand({
  summary: "runs your test command against the mock and gives a verdict on every request",
  usage: "[options] [--] <command> [args...]",
  about: `Runs <command> with MODE_BASE_URL set to a validating mock of Mode's Datasets API, then prints
each violation with its count and a verdict. A single argument containing spaces is run through
the shell ("pytest -q tests/"). The command runs in a process group of its own: when it ends, or
on Ctrl-C or SIGTERM, whatever it left running gets SIGTERM, then SIGKILL after --grace-ms.`,
  options: { spec: serveOptions.spec, ...frontOptions, ...reportOptions },
  takes: "command",
  footer: `Exit codes: 0 pass; 1 a request broke the contract (or warnings under --strict), or the command
sent no request; the command's own code when it failed; 2 the kit could not run; 127 the command
was not found.`,
  async run(options, command) {
    if (command.length === 0) {
      throw new Error("no command given; see mode-datasets contract --help");
    }
    const spec = options.spec ?? bundledSpec;
    const { maxBodyBytes, graceMs } = frontSettings(options);
    const document = await loadSpec(spec);
    const prism = await startPrism({ mode: "mock", document: spec });
    const front = await startFront({
      mode: "contract",
      prism: prism.baseUrl,
      spec: document,
      maxBodyBytes,
    });
    console.error(`contract: mock of ${spec} at ${front.baseUrl}; running: ${command.join(" ")}`);
    const end = await runCommand(command, {
      env: { ...process.env, MODE_BASE_URL: front.baseUrl },
      graceMs,
    });
    if (end.error !== undefined) {
      console.error(`contract: could not run ${command[0]}: ${end.error}`);
    }
    await front.close(graceMs);
    await prism.stop();
    const summary = reportRun(
      "contract",
      {
        mode: "contract",
        spec,
        exchanges: front.exchanges,
        strict: options.strict === true,
        command: [...command],
        commandExitCode: end.code,
      },
      { junit: options.junit, json: options.json },
    );
    return summary.exitCode;
  },
});
