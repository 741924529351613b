// Reads a command line against a command's options table with node:util's parseArgs, so
// `--name=value` and `--name value` both work, and prints `--help` from the same table. Every
// mistake is thrown as one sentence naming the bad word; cli.ts turns it into exit code 2.
import { parseArgs } from "node:util";
import type { Command, OptionsTable, OptionValues } from "./command.js";

export interface ParsedCommandLine<T extends OptionsTable> {
  options: OptionValues<T>;
  operands: string[];
  help: boolean;
}

const helpOption: OptionsTable = {
  help: { type: "boolean", short: "h", description: "print this help" },
};

/**
 * Where the options end for a command that runs another one: at `--`, or at the first word that
 * is neither an option of the table nor the value of one (`contract node -e ...` leaves `-e` to
 * node). Returns the options part and the command.
 */
function splitCommand(table: OptionsTable, argv: readonly string[]): [string[], string[]] {
  const takesValue = (word: string): boolean => {
    if (word.includes("=")) return false;
    const spec = word.startsWith("--")
      ? table[word.slice(2)]
      : Object.values(table).find((s) => s.short === word.slice(1));
    return spec?.type === "string";
  };
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    if (word === "--") return [argv.slice(0, i), argv.slice(i + 1)];
    if (!word.startsWith("-") || word === "-") return [argv.slice(0, i), argv.slice(i)];
    if (takesValue(word)) i++;
  }
  return [[...argv], []];
}

/**
 * Parses `argv` (what follows the command's name) against the command's table; `program` is how
 * the user ran it (`mode-datasets mock`), for the messages.
 */
export function parseCommandLine<T extends OptionsTable>(
  program: string,
  command: Pick<Command<T>, "options" | "takes">,
  argv: readonly string[],
): ParsedCommandLine<T> {
  const table: OptionsTable = { ...helpOption, ...command.options };
  const [words, rest] =
    command.takes === "command" ? splitCommand(table, argv) : [[...argv], [] as string[]];
  const see = `see ${program} --help`;
  // Not strict: parseArgs's own messages do not say which command; each case is named here.
  const { tokens } = parseArgs({
    args: words,
    options: Object.fromEntries(
      Object.entries(table).map(([long, spec]) => [
        long,
        spec.short === undefined ? { type: spec.type } : { type: spec.type, short: spec.short },
      ]),
    ),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const options: Record<string, string | true> = {};
  const operands: string[] = [];
  for (const token of tokens) {
    if (token.kind === "option-terminator") continue;
    if (token.kind === "positional") {
      if (command.takes === "nothing") {
        throw new Error(`unexpected argument ${JSON.stringify(token.value)}; ${see}`);
      }
      operands.push(token.value);
      continue;
    }
    const spec = table[token.name];
    if (!spec) throw new Error(`unknown option ${token.rawName}; ${see}`);
    if (spec.type === "boolean") {
      if (token.value !== undefined) throw new Error(`${token.rawName} takes no value; ${see}`);
      options[token.name] = true;
    } else {
      if (token.value === undefined) throw new Error(`${token.rawName} needs a value; ${see}`);
      options[token.name] = token.value;
    }
  }
  const help = options["help"] === true;
  delete options["help"];
  return {
    options: options as OptionValues<T>,
    operands: command.takes === "command" ? rest : operands,
    help,
  };
}

/** The `--help` text: usage, what the command does, one line per option, the footer. */
export function helpText(name: string, command: Command): string {
  const rows = Object.entries({ ...command.options, ...helpOption }).map(([long, spec]) => {
    const value = spec.type === "string" ? ` ${spec.value ?? "VALUE"}` : "";
    const short = spec.short === undefined ? "" : `, -${spec.short}${value}`;
    return [`--${long}${value}${short}`, spec.description] as const;
  });
  const width = Math.max(...rows.map(([flags]) => flags.length));
  const lines = rows.map(([flags, description]) => `  ${flags.padEnd(width)}  ${description}`);
  return [
    `usage: mode-datasets ${name} ${command.usage}`,
    "",
    command.about,
    "",
    "Options (--name VALUE and --name=VALUE both work):",
    ...lines,
    ...(command.footer === undefined ? [] : ["", command.footer]),
  ].join("\n");
}
