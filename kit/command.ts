// What a `mode-datasets` command is: its one table of options, what it takes after them, its help
// text and its run function. It lives apart from cli.ts so the commands and the dispatcher both
// import it and never each other.

/** One option of a command: its kind, its letter, and the line `--help` prints for it. */
export interface OptionSpec {
  readonly type: "string" | "boolean";
  /** One letter, for `-p 4010`. */
  readonly short?: string;
  /** The value's name in `--help` (`N`, `FILE`); string options only. */
  readonly value?: string;
  /** One line for `--help`, naming the default. */
  readonly description: string;
}

/** A command's options by long name (`max-requests`), in the order `--help` lists them. */
export type OptionsTable = Readonly<Record<string, OptionSpec>>;

/** What parsing a table gives: a string per string option, `true` per boolean one that was set. */
export type OptionValues<T extends OptionsTable> = {
  readonly [K in keyof T]?: T[K]["type"] extends "boolean" ? true : string;
};

export interface Command<T extends OptionsTable = OptionsTable> {
  /** One line for the command list. */
  readonly summary: string;
  /** What follows `mode-datasets <name>` in the usage line: `[options] -- <command...>`. */
  readonly usage: string;
  /** The paragraphs `--help` prints between the usage line and the options. */
  readonly about: string;
  readonly options: T;
  /**
   * What the command takes besides options: `nothing`; `operands` (plain words, such as an
   * upstream URL, which the command counts itself); or `command`, another program and its own
   * arguments, which start at `--` or at the first word that is not an option of this table.
   */
  readonly takes: "nothing" | "operands" | "command";
  /** Printed after the options: exit codes and the like. */
  readonly footer?: string;
  /** Runs the command; resolves with the exit code. Throwing means a usage or setup problem (2). */
  run(options: OptionValues<T>, operands: readonly string[]): Promise<number>;
}

/** Keeps a command's option names typed inside its own file, then joins the common table. */
export function defineCommand<const T extends OptionsTable>(command: Command<T>): Command {
  return command as unknown as Command;
}
