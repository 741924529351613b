// The code samples the docs show (x-codeSamples in the bundled spec) must work as printed: each
// curl sample runs against the Prism mock of this test run, each TypeScript sample type-checks
// against src/ and runs against the same mock. Only the host and the import are swapped.
import { execFile, spawnSync } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Json, operations } from "../support/bundled-spec.js";
import { mockUrl } from "../support/mock-target.js";

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
// Inside the repository (git-ignored build/), so the samples resolve node_modules and the
// package's `type: module` like any file of ours.
const workDir = join(repoRoot, "build", "code-samples");
const tsc = join(repoRoot, "node_modules", ".bin", "tsc");
const tsx = join(repoRoot, "node_modules", ".bin", "tsx");

const documentedHost = "https://app.mode.com/api";
// Prism accepts any Basic credentials; these only prove the samples send some.
const sampleEnv = {
  ...process.env,
  MODE_API_TOKEN: "sample-token",
  MODE_API_SECRET: "sample-secret",
  NO_COLOR: "1",
};

interface Sample {
  operationId: string;
  lang: string;
  source: string;
  /** The success status the operation documents (200, or 202 for the refresh). */
  success: number;
}

const samples: Sample[] = operations().flatMap(({ operation: op }) => {
  const success = Number(Object.keys(op.responses).find((status) => status.startsWith("2")));
  return (op["x-codeSamples"] ?? []).map((sample: Json) => ({
    operationId: op.operationId,
    lang: sample.lang,
    source: sample.source,
    success,
  }));
});
const curlSamples = samples.filter((s) => s.lang === "curl");
const typeScriptSamples = samples.filter((s) => s.lang === "TypeScript");

// A machine with only Node and npm may have no curl; the curl samples then skip, saying why.
const curlMissing = spawnSync("curl", ["--version"]).error !== undefined;
if (curlMissing) console.warn("curl is not on PATH: the curl samples are not run");

describe("the code samples in the docs", () => {
  test("every operation has one curl and one TypeScript sample", () => {
    const operationIds = new Set(samples.map((s) => s.operationId));
    expect(operationIds.size).toBe(operations().length);
    for (const id of operationIds) {
      expect(
        samples.filter((s) => s.operationId === id).map((s) => s.lang),
        id,
      ).toEqual(["curl", "TypeScript"]);
    }
  });

  test.for(curlSamples.map((s) => [s.operationId, s] as const))(
    "the curl sample of %s gets its documented answer from the mock",
    async ([, sample], context) => {
      expect(sample.source).toContain(documentedHost);
      context.skip(curlMissing, "curl is not on PATH");
      const command = sample.source.replaceAll(documentedHost, mockUrl());
      // Appended flags only make curl report the outcome; the sample itself is run unchanged.
      const script = `${command.trimEnd()} --silent --show-error --output /dev/null --write-out '%{http_code} %header{sl-violations}'`;
      const { stdout } = await run("sh", ["-c", script], { env: sampleEnv });
      const [status, ...violations] = stdout.trim().split(" ");
      expect({ status: Number(status), violations: violations.join(" ") }).toEqual({
        status: sample.success,
        violations: "",
      });
    },
  );

  describe("TypeScript samples", () => {
    const file = (sample: Sample): string => join(workDir, `${sample.operationId}.ts`);

    beforeAll(async () => {
      await rm(workDir, { recursive: true, force: true });
      await mkdir(workDir, { recursive: true });
      for (const sample of typeScriptSamples) {
        expect(sample.source).toContain('from "mode-datasets"');
        // The package's own name would resolve to dist/ (a build); the samples run against src/.
        await writeFile(
          file(sample),
          sample.source.replaceAll('from "mode-datasets"', 'from "../../src/index.js"'),
        );
      }
      await writeFile(
        join(workDir, "tsconfig.json"),
        JSON.stringify({ extends: "../../tsconfig.json", include: ["*.ts"] }, null, 2),
      );
    });

    afterAll(async () => {
      await rm(workDir, { recursive: true, force: true });
    });

    test("type-check under the repository's strict settings", async () => {
      const outcome = await run(tsc, ["-p", join(workDir, "tsconfig.json"), "--noEmit"], {
        cwd: repoRoot,
      }).then(
        () => "clean",
        (error: { stdout?: string }) => error.stdout ?? String(error),
      );
      expect(outcome).toBe("clean");
    });

    test.each(typeScriptSamples.map((s) => [s.operationId, s] as const))(
      "the TypeScript sample of %s runs against the mock",
      async (_, sample) => {
        // The sample creates its client with the defaults (Mode's host); only the host changes.
        expect(sample.source).toContain("createModeClient()");
        const source = await readFile(file(sample), "utf8");
        const pointed = join(workDir, `${sample.operationId}.mock.ts`);
        await writeFile(
          pointed,
          source.replace(
            "createModeClient()",
            `createModeClient({ baseUrl: ${JSON.stringify(mockUrl())} })`,
          ),
        );
        const { stdout, stderr } = await run(tsx, [pointed], { cwd: repoRoot, env: sampleEnv });
        expect(stderr).toBe("");
        expect(stdout.trim()).not.toBe("");
      },
    );
  });
});
