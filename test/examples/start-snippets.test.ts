// What `npm start` prints must work when pasted: the snippets are run here through bash exactly
// as printed, pointed at a simulator served as `npm start` serves it, except that the TypeScript
// tour imports src/ instead of the built package, so the test needs no `npm run build`.
import { execFile, spawnSync } from "node:child_process";
import { mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createEngine, type SimulatorEngine } from "../../kit/simulator/engine.js";
import { type SimulatorServer, serveSimulator } from "../../kit/simulator/http/serve.js";
import { firstRunSnippets } from "../../scripts/start-snippets.js";
import { spec } from "../support/bundled-spec.js";

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const workDir = join(repoRoot, "build", "start-snippets");

// A machine with only Node and npm may have no curl; the curl snippet then skips, saying why.
const curlMissing = spawnSync("curl", ["--version"]).error !== undefined;
if (curlMissing) console.warn("curl is not on PATH: the curl snippet is not run");

// npx must find tsx in this repository; nothing else of the test's environment leaks in.
const shellEnv = {
  PATH: `${join(repoRoot, "node_modules", ".bin")}:${process.env["PATH"] ?? ""}`,
  HOME: process.env["HOME"] ?? "/tmp",
};

describe("the snippets npm start prints", { timeout: 120_000 }, () => {
  let engine: SimulatorEngine;
  let server: SimulatorServer;
  let baseUrl: string;

  beforeAll(async () => {
    // As `npm start` serves it: the default workspace, Mode's clock ten times faster.
    engine = createEngine({ timeScale: 10 });
    server = await serveSimulator(engine, { port: 0 });
    baseUrl = `${server.url}/api`;
  });

  afterAll(async () => {
    await server?.close();
    await rm(workDir, { recursive: true, force: true });
  });

  test("the curl snippet lists every Collection of the simulated workspace", async (context) => {
    context.skip(curlMissing, "curl is not on PATH");
    const { curl } = firstRunSnippets(spec, baseUrl);
    expect(curl).toContain(`${baseUrl}/northwind/spaces?filter=all`);
    const { stdout } = await run(
      "bash",
      ["-c", `set -e\n${curl.replace(/^curl /m, "curl --silent --fail ")}`],
      { env: shellEnv },
    );
    const listing = JSON.parse(stdout) as { _embedded: { spaces: { name: string }[] } };
    expect(listing._embedded.spaces.map((space) => space.name)).toEqual([
      "Sales analytics",
      "Operations",
      "Finance",
    ]);
  });

  test("the tour writes build/try-mode.ts, outside git's view, and shows a filter, paging, a rename read back and a run to its end, politely", async () => {
    const { typeScript } = firstRunSnippets(spec, baseUrl);
    expect(typeScript).toContain(`createModeDatasets({ baseUrl: "${baseUrl}" })`);
    await mkdir(workDir, { recursive: true });
    // Pasted in a folder of its own, with a build/ beside src/ as in the repository.
    const script = typeScript.replace('from "mode-datasets"', 'from "../../../src/index.js"');
    const before = engine.report().requests.total;
    const { stdout } = await run("bash", ["-c", `set -e\n${script}`], {
      cwd: workDir,
      env: shellEnv,
    });
    const lines = stdout.trim().split("\n");
    // The filter held: every Dataset shown was created after the date, oldest first.
    const found =
      /^(\d+) Datasets in "Sales analytics" created after 2024-01-01, read 5 to a page:$/.exec(
        lines[0] ?? "",
      );
    expect(found, stdout).not.toBeNull();
    expect(Number(found?.[1])).toBeGreaterThan(5);
    const shown = lines.slice(1, 4).map((line) => line.trim().split("  ")[0] as string);
    expect(shown.every((at) => at > "2024-01-01")).toBe(true);
    expect([...shown].sort()).toEqual(shown);
    // The rename read back, and the run went from enqueued to an end through polls.
    expect(stdout).toMatch(/^renamed: .+ \(renamed\)$/m);
    expect(stdout).toMatch(/^run \w+: enqueued$/m);
    expect(stdout).toMatch(/^ {2}polled: /m);
    expect(stdout).toMatch(/^run \w+: (succeeded|failed)/m);
    // More than one page was read: the listing took at least two requests besides the rest.
    const report = engine.report();
    expect(report.requests.total - before).toBeGreaterThanOrEqual(7);
    expect(report.verdict).toBe("pass");
    expect(report.findings).toEqual([]);
    const written = join(workDir, "build", "try-mode.ts");
    expect(await readFile(written, "utf8")).toContain("waitForRun");
    const ignored = spawnSync("git", ["check-ignore", "-q", "build/try-mode.ts"], {
      cwd: repoRoot,
    });
    expect(ignored.status, "build/try-mode.ts is git-ignored").toBe(0);
  });

  test("a spec without the sample gets an error naming the missing one", () => {
    expect(() => firstRunSnippets({ paths: {} }, "http://127.0.0.1:4010/api")).toThrow(
      "the spec has no curl code sample for listSpaces",
    );
  });
});
