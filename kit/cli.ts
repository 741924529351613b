#!/usr/bin/env node
// `mode-datasets <command>`: the contract kit and the docs, for any team in any language.
// Each command lives in its own file under commands/ with its one table of options; this file
// only dispatches, prints help from those tables, and turns a thrown error into one line and
// exit code 2 (usage or setup problems), so no command repeats that.
import type { Command } from "./command.js";
import { contract } from "./commands/contract.js";
import { docs } from "./commands/docs.js";
import { exportCommand } from "./commands/export.js";
import { mock } from "./commands/mock.js";
import { proxy } from "./commands/proxy.js";
import { simulate } from "./commands/simulate.js";
import { helpText, parseCommandLine } from "./options.js";

const commands: Readonly<Record<string, Command>> = {
  mock,
  proxy,
  contract,
  simulate,
  docs,
  export: exportCommand,
};

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
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    console.error(`mode-datasets: unknown command ${JSON.stringify(name)}\n\n${overview}`);
    return 2;
  }
  try {
    const line = parseCommandLine(`mode-datasets ${name}`, command, rest);
    if (line.help) {
      console.log(helpText(name, command));
      return 0;
    }
    return await command.run(line.options, line.operands);
  } catch (error) {
    console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

process.exit(await main(process.argv.slice(2)));
