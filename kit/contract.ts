// `mode-datasets contract [options] -- <command...>`: checks any client against the spec.
// Starts the validating mock, runs the command with MODE_BASE_URL pointing at it, then prints
// every violation (Prism's, and the kit's own rules') as a table and a verdict. Fails when a
// request broke the contract, when the command failed, or when it sent no request at all (a run
// that sends nothing proves nothing).
import { spawn } from "node:child_process";
import type { Command } from "./cli.js";
import { bundledSpec } from "./package-root.js";
import { startPrism } from "./prism/launcher.js";
import { startRecorder } from "./prism/recorder.js";
import { reportOptionsHelp, reportRun } from "./run-report.js";
import { loadSpec } from "./spec-file.js";

interface ContractArgs {
  spec: string;
  strict: boolean;
  junit?: string;
  json?: string;
  command: string[];
}

export const contract: Command = {
  summary: "runs your test command against the mock and gives a verdict on every request",
  help: `usage: mode-datasets contract [options] [--] <command> [args...]

Runs <command> with MODE_BASE_URL set to a validating mock of Mode's Datasets API, then prints
each violation with its count and a verdict. A single argument containing spaces is run through
the shell ("pytest -q tests/").

Options:
  --spec FILE      the OpenAPI file to check against (default: the bundled spec)
${reportOptionsHelp}

Exit codes: 0 pass; 1 a request broke the contract (or warnings under --strict), or the command
sent no request; the command's own code when it failed; 2 the kit could not run; 127 the command
was not found.`,
  async run(argv) {
    const args = parseArgs(argv);
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
      { junit: args.junit, json: args.json },
    );
    return summary.exitCode;
  },
};

function parseArgs(argv: string[]): ContractArgs {
  const args: Omit<ContractArgs, "command"> = { spec: bundledSpec, strict: false };
  let i = 0;
  const value = (name: string): string => {
    const next = argv[++i];
    if (next === undefined)
      throw new Error(`${name} needs a value; see mode-datasets contract --help`);
    return next;
  };
  for (; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") {
      i++;
      break;
    }
    if (arg === "--spec") args.spec = value(arg);
    else if (arg === "--junit") args.junit = value(arg);
    else if (arg === "--json") args.json = value(arg);
    else if (arg === "--strict") args.strict = true;
    else if (arg.startsWith("--"))
      throw new Error(`unknown option ${arg}; see mode-datasets contract --help`);
    else break;
  }
  const command = argv.slice(i);
  if (command.length === 0) throw new Error("no command given; see mode-datasets contract --help");
  return { ...args, command };
}

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
