// `mode-datasets simulate`, run as the package runs it (the built CLI, its own process): it runs a
// client against the simulator and exits with the verdict, writes its three reports, hands the
// command its own credentials (never the caller's), serves alone with --port until SIGTERM, and
// names a bad option with exit code 2.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { XMLValidator } from "fast-xml-parser";
import { afterAll, describe, expect, it } from "vitest";
import { startScript } from "../kit/run-script.js";

const clients = fileURLToPath(new URL("./clients/", import.meta.url));
const out = mkdtempSync(join(tmpdir(), "simulate-command-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function simulate(args: string[], env: NodeJS.ProcessEnv = {}) {
  const script = startScript("simulate", args, env);
  const code = await script.exited;
  return { code, output: script.output() };
}

describe("mode-datasets simulate -- <command>", () => {
  it("passes a correct client and exits 0, writing JSON, JUnit and the timeline page", async () => {
    const files = {
      json: join(out, "pass.json"),
      junit: join(out, "pass.xml"),
      html: join(out, "pass.html"),
    };
    const { code, output } = await simulate([
      "--datasets",
      "40",
      "--time-scale",
      "20",
      "--json",
      files.json,
      "--junit",
      files.junit,
      "--html",
      files.html,
      "--",
      "python3",
      `${clients}correct_client.py`,
    ]);
    expect(output).toMatch(/simulate: PASS/);
    expect(code, output).toBe(0);
    const report = JSON.parse(readFileSync(files.json, "utf8"));
    expect(report).toMatchObject({ verdict: "pass", command: { exitCode: 0 } });
    expect(report.findings.filter((f: { severity: string }) => f.severity === "error")).toEqual([]);
    expect(XMLValidator.validate(readFileSync(files.junit, "utf8"))).toBe(true);
    expect(readFileSync(files.html, "utf8")).toMatch(/^<!doctype html>/);
  }, 90_000);

  it("fails a client that hammers through 429s, naming the rule", async () => {
    const { code, output } = await simulate(["--", "python3", `${clients}hammer.py`], {
      HAMMER_SECONDS: "2.5",
    });
    expect(output).toMatch(/error rate-limit\/retry-after-ignored/);
    expect(output).toMatch(/simulate: FAIL: \d+ error finding\(s\)/);
    expect(code).toBe(1);
  });

  it("fails a first-page-only client only under --strict", async () => {
    const run = (strict: string[]) =>
      simulate([...strict, "--datasets", "90", "--", "python3", `${clients}first_page.py`]);
    expect((await run([])).code).toBe(0);
    const strict = await run(["--strict"]);
    expect(strict.output).toMatch(/warning paging\/incomplete/);
    expect(strict.code).toBe(1);
  });

  it("hands the command the simulator's credentials, never the caller's", async () => {
    const { output } = await simulate(
      [
        "--",
        "python3",
        "-c",
        "import os; print('token', os.environ['MODE_API_TOKEN'], os.environ['MODE_BASE_URL'])",
      ],
      { MODE_API_TOKEN: "real-token-of-the-caller", MODE_API_SECRET: "real-secret" },
    );
    expect(output).toMatch(/token simulator-token http:\/\/127\.0\.0\.1:\d+\/api/);
    expect(output).not.toContain("real-token-of-the-caller");
  });

  it("exits with the command's own code, and says it sent nothing", async () => {
    const { code, output } = await simulate(["--", "python3", "-c", "import sys; sys.exit(3)"]);
    expect(code).toBe(3);
    expect(output).toMatch(/simulate: FAIL: the command exited with 3/);
    expect(output).toMatch(/simulate: FAIL: the command sent no request to the simulator/);
  });

  it("on SIGTERM ends the command's whole process group, then reports", async () => {
    const sleeper = "import os, sys, time; print('pid', os.getpid(), flush=True); time.sleep(120)";
    const script = startScript("simulate", ["--grace-ms", "500", "--", "python3", "-c", sleeper]);
    const [, pid] = await script.waitFor(/pid (\d+)/);
    script.child.kill("SIGTERM");
    const code = await script.exited;
    expect(script.output()).toMatch(
      /simulate: FAIL: the command (was stopped by a signal|exited with)/,
    );
    expect(code).not.toBe(0);
    expect(() => process.kill(Number(pid), 0)).toThrow();
  });

  it("exits 127 when the command is not found", async () => {
    expect((await simulate(["--", "no-such-command-anywhere"])).code).toBe(127);
  });

  it.each([
    [["--seed", "abc", "--", "true"], '--seed must be a number, got "abc"'],
    [["--faults", "nope=1", "--", "true"], 'unknown fault "nope"; expected one of write-reset'],
    [["--time-scale", "0", "--", "true"], "timeScale 0 is invalid"],
    [[], "no command given, and no --port to serve on"],
  ])("names a bad command line %j with exit code 2", async (args, message) => {
    const { code, output } = await simulate(args);
    expect(code).toBe(2);
    expect(output).toContain(message);
  });
});

describe("mode-datasets simulate --port", () => {
  it("serves until SIGTERM, then prints the verdict on what it saw and writes the report", async () => {
    const json = join(out, "served.json");
    const script = startScript("simulate", ["--port", "0", "--json", json]);
    const [, url] = await script.waitFor(/at (http:\/\/127\.0\.0\.1:\d+\/api)/);
    const answer = await fetch(`${url}/northwind/spaces`, {
      headers: { authorization: `Basic ${btoa("by-hand:secret")}`, accept: "application/hal+json" },
    });
    expect(answer.status).toBe(200);
    await answer.arrayBuffer();
    script.child.kill("SIGTERM");
    expect(await script.exited).toBe(0);
    expect(script.output()).toMatch(/simulate: 1 request\(s\)/);
    expect(existsSync(json)).toBe(true);
  });
});
