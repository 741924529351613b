// `npm run contract -- <command...>`: checks any client against the spec.
// Starts the validating mock, runs the command with MODE_BASE_URL pointing at it, then prints
// every violation Prism saw as a table (operation, violation, count). Exits non-zero when a
// request broke the contract, when the command failed, or when it sent no request at all
// (a run that sends nothing proves nothing).
import { spawn } from "node:child_process";
import { bundledSpec, startPrism } from "./prism/launcher.js";
import { loadOperationMatcher } from "./prism/operations.js";
import { startRecorder } from "./prism/recorder.js";
import { describeViolation, formatTable, isError, summarize } from "./prism/violations.js";

const usage = `usage: npm run contract -- [--spec <openapi file>] [--] <command> [args...]
  Runs <command> with MODE_BASE_URL set to a validating mock of Mode's Datasets API.
  A single argument containing spaces is run through the shell ("pytest -q tests/").`;

function parseArgs(argv: string[]): { spec: string; command: string[] } {
  let spec = bundledSpec;
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      i++;
      break;
    }
    if (arg === "--spec") {
      const value = argv[++i];
      if (!value) throw new Error(`--spec needs a file name\n${usage}`);
      spec = value;
    } else if (arg === "--help" || arg === "-h") {
      console.log(usage);
      process.exit(0);
    } else {
      break;
    }
  }
  const command = argv.slice(i);
  if (command.length === 0) throw new Error(`no command given\n${usage}`);
  return { spec, command };
}

async function main(): Promise<number> {
  const { spec, command } = parseArgs(process.argv.slice(2));
  const prism = await startPrism({ mode: "mock", document: spec });
  const recorder = await startRecorder({
    target: prism.baseUrl,
    matchOperation: loadOperationMatcher(spec),
  });
  console.error(`contract: mock of ${spec} at ${recorder.baseUrl}; running: ${command.join(" ")}`);

  const [file, ...args] = command as [string, ...string[]];
  const child = spawn(file, args, {
    stdio: "inherit",
    shell: command.length === 1 && /\s/.test(file),
    env: { ...process.env, MODE_BASE_URL: recorder.baseUrl },
  });
  // Ctrl-C reaches the command too (same terminal); we wait for it, then report what we saw.
  const forward = (signal: NodeJS.Signals) => (): void => {
    child.kill(signal);
  };
  const onInt = forward("SIGINT");
  const onTerm = forward("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);

  const commandCode = await new Promise<number>((resolve) => {
    child.once("error", (error) => {
      console.error(`contract: could not run ${file}: ${error.message}`);
      resolve(127);
    });
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  process.off("SIGINT", onInt);
  process.off("SIGTERM", onTerm);
  await recorder.close();
  await prism.stop();

  const exchanges = recorder.exchanges;
  const broken = exchanges.filter((e) => e.violations.some(isError));
  const rows = summarize(exchanges);
  console.log("");
  console.log(`contract: ${exchanges.length} request(s), ${broken.length} broke the contract`);
  if (rows.length > 0) {
    console.log("");
    console.log(formatTable(rows));
    console.log("");
    const shown = 20;
    for (const e of broken.slice(0, shown)) {
      console.log(`  ${e.status} ${e.method} ${e.url}`);
      for (const v of e.violations) console.log(`      ${describeViolation(v)}`);
    }
    if (broken.length > shown) console.log(`  ... and ${broken.length - shown} more`);
  }
  console.log("");

  if (commandCode !== 0) {
    console.log(`contract: FAIL: the command exited with ${commandCode}`);
    return commandCode;
  }
  if (exchanges.length === 0) {
    console.log("contract: FAIL: the command sent no request to MODE_BASE_URL");
    return 1;
  }
  if (broken.length > 0) {
    console.log("contract: FAIL: requests broke the contract (see the table above)");
    return 1;
  }
  console.log("contract: PASS: every request and answer matched the spec");
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`contract: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
