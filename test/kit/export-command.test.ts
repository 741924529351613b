// `mode-datasets export`, as the built CLI runs it, against a loopback server that answers as
// Mode does: the file holds every record, CSV or JSON Lines; a failure leaves no file behind
// and says which kind it was in its exit code; progress shows on a terminal only.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  COLUMNS,
  csvRow,
  jsonRow,
  type ResultsScenario,
  type ResultsServer,
  startResultsServer,
} from "../hostile/helpers/results-server.js";
import { builtCli, runScript, startScript } from "./run-script.js";

let server: ResultsServer | undefined;
let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "mode-export-"));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  rmSync(folder, { recursive: true, force: true });
});

async function serve(scenario: ResultsScenario): Promise<NodeJS.ProcessEnv> {
  server = await startResultsServer(scenario);
  return {
    MODE_BASE_URL: server.baseUrl,
    MODE_API_TOKEN: "tok-export-1",
    MODE_API_SECRET: "sec-export-2",
  };
}

const args = (out: string, ...more: string[]) => [
  "--account",
  "northwind",
  "--dataset",
  "d1",
  "--out",
  out,
  ...more,
];

/** The files left in the folder: the output and nothing else (no partial file). */
const leftIn = (dir: string): string[] => readdirSync(dir).sort();

describe("export writes every record", () => {
  it("of 300,000 gzipped rows to a CSV file, header first, awkward values intact", async () => {
    const env = await serve({ rows: 300_000, gzip: true, bom: true });
    const out = join(folder, "orders.csv");
    const { code, output } = await runScript("export", args(out), env);
    expect(code, output).toBe(0);
    expect(output).toMatch(
      /export: wrote 300,000 rows \([\d.]+ MB read\) of run run-latest to .*orders\.csv/,
    );
    expect(leftIn(folder)).toEqual(["orders.csv"]);
    // Counted by a parser, not by lines: values hold line breaks.
    const parsed = Papa.parse<string[]>(readFileSync(out, "utf8"), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[0]).toEqual([...COLUMNS]);
    expect(parsed.data).toHaveLength(300_001);
    for (const i of [0, 1, 2, 3, 4, 5, 150_000, 299_999])
      expect(parsed.data[i + 1]).toEqual(COLUMNS.map((column) => csvRow(i)[column]));
  });

  it("of 2,000 rows to JSON Lines, one object a line with Mode's JSON values", async () => {
    const env = await serve({ rows: 2_000 });
    const out = join(folder, "orders.jsonl");
    const { code, output } = await runScript("export", args(out, "--format", "jsonl"), env);
    expect(code, output).toBe(0);
    const lines = readFileSync(out, "utf8").split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(2_000);
    lines.forEach((line, i) => {
      expect(JSON.parse(line)).toEqual(jsonRow(i));
    });
    expect(server?.requests.at(-1)).toMatch(/content\.json$/);
  });

  it("to stdout when no --out is given, with the summary on stderr", async () => {
    const env = await serve({ rows: 10 });
    const child = spawn(
      process.execPath,
      [builtCli(), "export", "--account", "a", "--dataset", "d1", "--run", "r5"],
      {
        env: { ...process.env, ...env },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise((resolve) => child.once("close", resolve));
    expect(code, stderr).toBe(0);
    expect(Papa.parse(stdout, { skipEmptyLines: true }).data).toHaveLength(11);
    expect(stderr).toMatch(/wrote 10 rows .* of run r5 to stdout/);
  });
});

describe("export fails without leaving a file that looks complete", () => {
  it.each([
    ["a body cut short: 6", { rows: 50_000, cutAfterBytes: 200_000 }, 6, /cut short/],
    ["a run that failed: 5", { rows: 10, runState: "failed" }, 5, /ended failed/],
    [
      "a quote left open: 7",
      { rows: 0, rawBody: Buffer.from('a,b\n1,"open\n') },
      7,
      /unterminated/,
    ],
    ["a Dataset that never ran: 5", { rows: 10, latest: null }, 5, /no successful run/],
  ] as const)("%s", async (_name, scenario, expected, message) => {
    const env = await serve(scenario as ResultsScenario);
    const out = join(folder, "orders.csv");
    // An older file of the same name stays as it was.
    writeFileSync(out, "the previous export\n");
    const run = (scenario as ResultsScenario).runState ? ["--run", "r1"] : [];
    const { code, output } = await runScript("export", args(out, ...run), env);
    expect(code, output).toBe(expected);
    expect(output).toMatch(message);
    expect(leftIn(folder)).toEqual(["orders.csv"]);
    expect(readFileSync(out, "utf8")).toBe("the previous export\n");
  });

  it("says 4 when Mode does not know the path", async () => {
    const env = await serve({ rows: 1 });
    const { code, output } = await runScript("export", args(join(folder, "x.csv")), {
      ...env,
      MODE_BASE_URL: `${server?.baseUrl}/nowhere`,
    });
    expect(code, output).toBe(4);
    expect(leftIn(folder)).toEqual([]);
  });

  it("says 2, before any request, without credentials or with a bad format", async () => {
    const env = await serve({ rows: 1 });
    const missing = await runScript("export", args(join(folder, "x.csv")), {
      ...env,
      MODE_API_SECRET: "",
    });
    expect(missing.code).toBe(2);
    expect(missing.output).toMatch(/MODE_API_SECRET is not set/);
    const format = await runScript("export", args(join(folder, "x.csv"), "--format", "xlsx"), env);
    expect(format.code).toBe(2);
    expect(format.output).toMatch(/--format "xlsx" is invalid; expected csv or jsonl/);
    expect(server?.requests).toEqual([]);
  });

  it("removes its partial file when interrupted mid-body, and says 130", async () => {
    const env = await serve({ rows: 50_000, stallAfterBytes: 300_000 });
    const out = join(folder, "orders.csv");
    const running = startScript("export", args(out), env);
    // The partial file exists while rows arrive; then the body stalls and Ctrl-C comes.
    await expect.poll(() => leftIn(folder).length, { timeout: 20_000 }).toBe(1);
    expect(leftIn(folder)[0]).toMatch(/^\.orders\.csv\.\d+\.partial$/);
    running.child.kill("SIGINT");
    expect(await running.exited).toBe(130);
    expect(running.output()).toMatch(/interrupted; nothing was left behind/);
    expect(leftIn(folder)).toEqual([]);
  });
});

const hasScript = (() => {
  try {
    execFileSync("script", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** Runs export on a terminal of its own (`script`), and gives what the terminal showed. */
function onTerminal(env: NodeJS.ProcessEnv, out: string): Promise<{ code: number; shown: string }> {
  const command = [process.execPath, builtCli(), "export", ...args(out)]
    .map((word) => `'${word}'`)
    .join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn("script", ["-qfec", command, "/dev/null"], {
      env: { ...process.env, ...env },
    });
    let shown = "";
    child.stdout.on("data", (chunk: Buffer) => {
      shown += chunk.toString();
    });
    child.once("error", reject);
    child.once("close", (code) => resolve({ code: code ?? -1, shown }));
  });
}

// The terminal escapes that hide the cursor while the bar shows, and show it again.
const HIDE_CURSOR = "\u001b[?25l";
const SHOW_CURSOR = "\u001b[?25h";

describe.runIf(hasScript)("progress", () => {
  it("shows rows and bytes when stderr is a terminal", async () => {
    const env = await serve({ rows: 300_000, chunkRows: 2_000 });
    const out = join(folder, "orders.csv");
    const { code, shown } = await onTerminal(env, out);
    expect(code, shown).toBe(0);
    expect(shown).toMatch(/export: [\d,]+ rows, [\d.]+ (KB|MB) of run run-latest/);
    expect(shown.slice(shown.lastIndexOf(HIDE_CURSOR))).toContain(SHOW_CURSOR);
    expect(existsSync(out)).toBe(true);
  });

  it("gives the terminal its cursor back when the export fails", async () => {
    const env = await serve({ rows: 300_000, cutAfterBytes: 3_000_000 });
    const { code, shown } = await onTerminal(env, join(folder, "orders.csv"));
    expect(code, shown).toBe(6);
    expect(shown).toContain(HIDE_CURSOR);
    expect(shown.slice(shown.lastIndexOf(HIDE_CURSOR))).toContain(SHOW_CURSOR);
  });

  it("shows nothing but the summary when stderr is not a terminal", async () => {
    const env = await serve({ rows: 300_000 });
    const { code, output } = await runScript("export", args(join(folder, "o.csv")), env);
    expect(code).toBe(0);
    expect(output.trim().split("\n")).toHaveLength(1);
  });
});
