// `npm run contract -- <command>` judged by its verdict on two foreign clients (test/kit/clients):
// one well-behaved, one with the usual mistakes.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";
import { runScript } from "./run-script.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** The rows of the summary table: [operation, violation, count]. */
function tableRows(output: string): Array<[string, string, number]> {
  const lines = output.split("\n");
  const start = lines.findIndex((line) => /^operation\s+violation\s+count$/.test(line));
  if (start < 0) return [];
  const rows: Array<[string, string, number]> = [];
  for (const line of lines.slice(start + 2)) {
    if (line.trim() === "") break;
    const match = /^(\S+(?: \S+)*?)\s{2,}(.+?)\s{2,}(\d+)$/.exec(line);
    if (!match) throw new Error(`unreadable table row: ${line}`);
    rows.push([match[1] as string, match[2] as string, Number(match[3])]);
  }
  return rows;
}

// Concurrent: each run starts its own Prism on its own free port.
describe.concurrent("npm run contract", { timeout: 60_000 }, () => {
  it("passes a well-behaved client that calls all eight operations", async ({ expect }) => {
    const { code, output } = await runScript("contract", [
      "node",
      "test/kit/clients/well-behaved-client.mjs",
    ]);
    expect(output).toContain("contract: 9 request(s), 0 broke the contract");
    expect(output).toContain("contract: PASS");
    expect(tableRows(output)).toEqual([]);
    expect(code).toBe(0);
  });

  it("fails a careless client and lists each of its violations with its count", async ({
    expect,
  }) => {
    const { code, output } = await runScript("contract", [
      "node",
      "test/kit/clients/careless-client.mjs",
    ]);
    expect(code).toBe(1);
    expect(output).toContain("contract: 6 request(s), 5 broke the contract");
    const rows = tableRows(output).map(([operation, violation, count]) => [
      operation,
      violation.split(":")[0],
      count,
    ]);
    expect(rows).toEqual(
      expect.arrayContaining([
        ["listDatasetsForSpace", "request.query.filter (pattern)", 2],
        ["updateDataset", "request.body (required)", 1],
        ["updateDataset", "request.body (additionalProperties)", 1],
        ["refreshDatasetsInReport", "request.body.report.dataset_tokens.0 (type)", 1],
        ["getDataset", "request (401)", 1],
      ]),
    );
    // The one correct call (listReportsForDataset) is not listed.
    expect(new Set(rows.map(([operation]) => operation))).toEqual(
      new Set(["listDatasetsForSpace", "updateDataset", "refreshDatasetsInReport", "getDataset"]),
    );
    expect(output).toContain("contract: FAIL: 5 request(s) broke the contract");
  });

  it("fails with the command's own exit code when the command fails", async ({ expect }) => {
    const { code, output } = await runScript("contract", ["node", "-e", "process.exit(3)"]);
    expect(code).toBe(3);
    expect(output).toContain("contract: FAIL: the command exited with 3");
  });

  it("fails when the command sends no request to MODE_BASE_URL", async ({ expect }) => {
    const { code, output } = await runScript("contract", [
      "node",
      "-e",
      "console.log('tests skipped')",
    ]);
    expect(code).toBe(1);
    expect(output).toContain("contract: FAIL: the command sent no request");
  });

  it("runs a single quoted command line through the shell", async ({ expect }) => {
    const { code, output } = await runScript("contract", [
      "node test/kit/clients/well-behaved-client.mjs && echo shell-ran",
    ]);
    expect(output).toContain("shell-ran");
    expect(code).toBe(0);
  });

  it("is wired as the npm script and reports a failure through npm", async ({ expect }) => {
    const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
      const npm = spawn(
        "npm",
        ["run", "--silent", "contract", "--", "node", "test/kit/clients/careless-client.mjs"],
        { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
      );
      let output = "";
      npm.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
      npm.stderr.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
      npm.once("close", (exitCode) => resolve({ code: exitCode ?? 128, output }));
    });
    // The verdict itself, not just any failure: a missing or broken script also exits non-zero.
    expect(output).toContain("contract: 6 request(s), 5 broke the contract");
    expect(output).toContain("contract: FAIL: 5 request(s) broke the contract");
    expect(code).toBe(1);
  });
});
