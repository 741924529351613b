#!/usr/bin/env node
// `mode-datasets <command>`: the contract kit and the docs, for any team in any language.
// Each command lives in its own file; this one only dispatches, prints help, and turns a thrown
// error into one line and exit code 2 (usage or setup problems), so no command repeats that.
import { contract } from "./contract.js";
import { docs } from "./docs.js";
import { mock } from "./mock.js";
import { proxy } from "./proxy.js";

export interface Command {
  /** One line for the command list. */
  summary: string;
  /** The full `--help` text. */
  help: string;
  /** Runs the command; resolves with the exit code. */
  run(argv: string[]): Promise<number>;
}

const commands: Record<string, Command> = { mock, proxy, contract, docs };

const overview = `usage: mode-datasets <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, command]) => `  ${name.padEnd(9)} ${command.summary}`)
  .join("\n")}

Run \`mode-datasets <command> --help\` for a command's options.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(overview);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`mode-datasets: unknown command ${JSON.stringify(name)}\n\n${overview}`);
    return 2;
  }
  if (rest[0] === "--help" || rest[0] === "-h") {
    console.log(command.help);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

process.exit(await main(process.argv.slice(2)));
