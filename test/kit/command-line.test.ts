// Every kit command reads its options from one table with node:util's parseArgs: both spellings
// of a value work, an unknown flag is named with exit code 2, and --help is printed from the
// table. The parser is checked case by case, then each command as the built CLI runs it.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { OptionsTable } from "../../kit/command.js";
import { helpText, parseCommandLine } from "../../kit/options.js";
import { runScript } from "./run-script.js";

const table = {
  port: { type: "string", short: "p", value: "N", description: "port" },
  strict: { type: "boolean", description: "strict" },
} as const satisfies OptionsTable;

const parse = (takes: "nothing" | "operands" | "command", argv: string[]) =>
  parseCommandLine("mode-datasets demo", { options: table, takes }, argv);

describe("parseCommandLine", () => {
  it.each([[["--port=4020"]], [["--port", "4020"]], [["-p", "4020"]], [["-p4020"]]])(
    "reads %j as port 4020",
    (argv) => {
      expect(parse("nothing", argv).options).toEqual({ port: "4020" });
    },
  );

  it("names an unknown flag, and the help that lists the right ones", () => {
    expect(() => parse("nothing", ["--no-such-flag"])).toThrow(
      "unknown option --no-such-flag; see mode-datasets demo --help",
    );
    expect(() => parse("command", ["-x", "--", "node"])).toThrow("unknown option -x");
  });

  it("names a string option without its value and a boolean given one", () => {
    expect(() => parse("nothing", ["--port"])).toThrow("--port needs a value");
    expect(() => parse("nothing", ["--strict=yes"])).toThrow("--strict takes no value");
  });

  it("refuses words where the command takes none, and keeps them where it does", () => {
    expect(() => parse("nothing", ["extra"])).toThrow('unexpected argument "extra"');
    expect(parse("operands", ["https://x.test", "--strict"])).toMatchObject({
      options: { strict: true },
      operands: ["https://x.test"],
    });
  });

  it("leaves a command's own flags to it, after -- or after its first word", () => {
    expect(parse("command", ["--strict", "--", "node", "--port", "1"])).toMatchObject({
      options: { strict: true },
      operands: ["node", "--port", "1"],
    });
    expect(parse("command", ["--port", "9", "node", "-e", "x", "--help"])).toEqual({
      options: { port: "9" },
      operands: ["node", "-e", "x", "--help"],
      help: false,
    });
  });

  it("prints --help from the table, every option with its value's name", () => {
    const text = helpText("demo", {
      summary: "s",
      usage: "[options]",
      about: "Does a demo.",
      options: table,
      takes: "nothing",
      run: async () => 0,
    });
    expect(text).toContain("usage: mode-datasets demo [options]");
    expect(text).toMatch(/^ {2}--port N, -p N\s+port$/m);
    expect(text).toMatch(/^ {2}--strict\s+strict$/m);
    expect(text).toMatch(/^ {2}--help, -h\s+print this help$/m);
  });
});

describe("the built mode-datasets command", { timeout: 60_000 }, () => {
  it.each(["mock", "proxy", "contract", "docs"])(
    "%s --no-such-flag exits 2 and names the flag",
    async (command) => {
      const { code, output } = await runScript(command, ["--no-such-flag"]);
      expect(code).toBe(2);
      expect(output).toContain(`${command}: unknown option --no-such-flag`);
    },
  );

  it.each(["mock", "proxy", "contract", "docs"])(
    "%s --help prints every option of its table",
    async (command) => {
      const { code, output } = await runScript(command, ["--help"]);
      expect(code).toBe(0);
      expect(output).toContain(`usage: mode-datasets ${command}`);
      expect(output).toMatch(/^ {2}--help, -h\s+print this help$/m);
    },
  );

  it.each([[["--out=DIR"]], [["--out", "DIR"]]])("docs %j writes the page", async (argv) => {
    const dir = mkdtempSync(join(tmpdir(), "mode-docs-"));
    try {
      const out = join(dir, "site");
      const { code, output } = await runScript(
        "docs",
        argv.map((word) => word.replace("DIR", out)),
      );
      expect(code, output).toBe(0);
      expect(existsSync(join(out, "index.html"))).toBe(true);
      expect(existsSync(join(out, "openapi.yaml"))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
