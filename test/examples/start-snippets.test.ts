// What `npm start` prints must work when pasted: the snippets are run here through bash exactly
// as printed (pointed at this run's Prism mock), except that the TypeScript one imports src/
// instead of the built package, so the test needs no `npm run build`.
import { execFile, spawnSync } from "node:child_process";
import { mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, test } from "vitest";
import { spec } from "../support/bundled-spec.js";
import { mockUrl } from "../support/mock-target.js";
import { firstRunSnippets } from "../../scripts/start-snippets.js";

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

describe("the snippets npm start prints", () => {
  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  test("the curl snippet fetches the example Dataset from the mock", async (context) => {
    context.skip(curlMissing, "curl is not on PATH");
    const { curl } = firstRunSnippets(spec, mockUrl());
    expect(curl).toContain(`${mockUrl()}/northwind/datasets/5a4177a2902c`);
    const { stdout } = await run(
      "bash",
      ["-c", `set -e\n${curl.replace(/^curl /m, "curl --silent --fail ")}`],
      { env: shellEnv },
    );
    expect(JSON.parse(stdout)).toMatchObject({ token: "5a4177a2902c", type: "DatasetReport" });
  });

  test("the TypeScript snippet writes build/try-mode.ts, outside git's view, and lists the example Datasets", async () => {
    const { typeScript } = firstRunSnippets(spec, mockUrl());
    expect(typeScript).toContain(`createModeClient({ baseUrl: "${mockUrl()}" })`);
    await mkdir(workDir, { recursive: true });
    // Pasted in a folder of its own, with a build/ beside src/ as in the repository.
    const script = typeScript.replace('from "mode-datasets"', 'from "../../../src/index.js"');
    const { stdout } = await run("bash", ["-c", `set -e\n${script}`], {
      cwd: workDir,
      env: shellEnv,
    });
    expect(stdout).toContain("5a4177a2902c");
    const written = join(workDir, "build", "try-mode.ts");
    expect(await readFile(written, "utf8")).toContain("listDatasetsForSpace");
    const ignored = spawnSync("git", ["check-ignore", "-q", "build/try-mode.ts"], {
      cwd: repoRoot,
    });
    expect(ignored.status, "build/try-mode.ts is git-ignored").toBe(0);
  });

  test("a spec without the samples gets an error naming the missing one", () => {
    expect(() => firstRunSnippets({ paths: {} }, "http://127.0.0.1:4010")).toThrow(
      "the spec has no curl code sample for getDataset",
    );
  });
});
