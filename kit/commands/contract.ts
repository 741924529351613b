// `mode-datasets contract [options] -- <command...>`: checks any client against the spec.
// Starts the validating mock, runs the command with MODE_BASE_URL pointing at it, then prints
// every violation (Prism's, and the kit's own rules') as a table and a verdict. Fails when a
// request broke the contract, when the command failed, or when it sent no request at all (a run
// that sends nothing proves nothing).
import { spawn } from "node:child_process";
import { defineCommand } from "../command.js";
import { bundledSpec } from "../package-root.js";
import { startPrism } from "../prism/launcher.js";
import { startRecorder } from "../prism/recorder.js";
import { reportOptions, reportRun } from "../run-report.js";
import { serveOptions } from "../serve-options.js";
import { loadSpec } from "../spec-file.js";

export const contract = defineCommand({
  summary: "runs your test command against the mock and gives a verdict on every request",
  usage: "[options] [--] <command> [args...]",
  about: `Runs <command> with MODE_BASE_URL set to a validating mock of Mode's Datasets API, then prints
each violation with its count and a verdict. A single argument containing spaces is run through
the shell ("pytest -q tests/").`,
  options: { spec: serveOptions.spec, ...reportOptions },
  takes: "command",
  footer: `Exit codes: 0 pass; 1 a request broke the contract (or warnings under --strict), or the command
sent no request; the command's own code when it failed; 2 the kit could not run; 127 the command
was not found.`,
  async run(options, command) {
    if (command.length === 0) {
      throw new Error("no command given; see mode-datasets contract --help");
    }
    const args = {
      spec: options.spec ?? bundledSpec,
      strict: options.strict === true,
      command: [...command],
    };
    const document = await loadSpec(args.spec);
    const prism = await startPrism({ mode: "mock", document: args.spec });
    const recorder = await startRecorder({ target: prism.baseUrl, spec: document });
    console.error(
      `contract: mock of ${args.spec} at ${recorder.baseUrl}; running: ${args.command.join(" ")}`,
    );
    const commandExitCode = await runCommand(args.command, recorder.baseUrl);
    await recorder.close();
    await prism.stop();
    const summary = reportRun(
      "contract",
      {
        mode: "contract",
        spec: args.spec,
        exchanges: recorder.exchanges,
        strict: args.strict,
        command: args.command,
        commandExitCode,
      },
      { junit: options.junit, json: options.json },
    );
    return summary.exitCode;
  },
});

/** Runs the command with MODE_BASE_URL set; resolves with its exit code (127: not found). */
async function runCommand(command: string[], baseUrl: string): Promise<number | null> {
  const [file, ...args] = command as [string, ...string[]];
  const child = spawn(file, args, {
    stdio: "inherit",
    shell: command.length === 1 && /\s/.test(file),
    env: { ...process.env, MODE_BASE_URL: baseUrl },
  });
  // Ctrl-C reaches the command too (same terminal); we wait for it, then report what we saw.
  const forward = (signal: NodeJS.Signals) => (): void => {
    child.kill(signal);
  };
  const onInt = forward("SIGINT");
  const onTerm = forward("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  try {
    return await new Promise<number | null>((resolve) => {
      child.once("error", (error) => {
        console.error(`contract: could not run ${file}: ${error.message}`);
        resolve(127);
      });
      child.once("exit", (code) => resolve(code));
    });
  } finally {
    process.off("SIGINT", onInt);
    process.off("SIGTERM", onTerm);
  }
}
