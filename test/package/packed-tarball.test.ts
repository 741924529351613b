// What a user gets from `npm install mode-datasets`: the packed tarball, unpacked into a fresh
// project, imported by its package name, type-checked, and run against the mock.
// The tarball's one dependency (openapi-fetch) and TypeScript are linked from this repo's
// node_modules, so the test needs no registry.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const repo = resolve(import.meta.dirname, "../..");
let project: string;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), "mode-datasets-consumer-"));
  // npm pack runs `prepack` hooks if any; the build must exist, as it does in `npm test`.
  execFileSync("npm", ["run", "--silent", "build"], { cwd: repo, stdio: "ignore" });
  const tarball = execFileSync("npm", ["pack", "--silent", "--pack-destination", project], {
    cwd: repo,
    encoding: "utf8",
  })
    .trim()
    .split("\n")
    .pop()!;
  const installed = join(project, "node_modules", "mode-datasets");
  mkdirSync(installed, { recursive: true });
  execFileSync("tar", ["-xzf", join(project, tarball), "-C", installed, "--strip-components=1"]);
  for (const dep of ["openapi-fetch", "openapi-typescript-helpers", "typescript", "@types"]) {
    symlinkSync(join(repo, "node_modules", dep), join(project, "node_modules", dep));
  }
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "consumer", type: "module", private: true }),
  );
}, 120_000);

afterAll(() => rmSync(project, { recursive: true, force: true }));

describe("the packed package", () => {
  it("ships the build, the types, the bundled spec and the README, and nothing from src or test", () => {
    const files = execFileSync(
      "tar",
      ["-tzf", join(project, readdirSync(project).find((f) => f.endsWith(".tgz"))!)],
      { encoding: "utf8" },
    );
    expect(files).toContain("package/dist/src/index.js");
    expect(files).toContain("package/dist/src/index.d.ts");
    expect(files).toContain("package/dist/generated/schema.d.ts");
    expect(files).toContain("package/generated/openapi.json");
    expect(files).toContain("package/generated/openapi.yaml");
    expect(files).toContain("package/README.md");
    expect(files).not.toMatch(/package\/(src|test|openapi|scripts)\//);
  });

  it("type-checks a consumer that imports the client, the types and the spec by package name", () => {
    writeFileSync(
      join(project, "consumer.ts"),
      [
        'import { createModeClient, createdAfter, type Dataset } from "mode-datasets";',
        'import type { paths } from "mode-datasets/types";',
        'const client = createModeClient({ token: "t", secret: "s" });',
        'const name: Dataset["name"] = "x";',
        'type Get = paths["/{account}/datasets/{dataset}"]["get"];',
        'export const call = () => client.GET("/{account}/datasets/{dataset}", { params: { path: { account: "a", dataset: "d" } } });',
        "export const filter: string = createdAfter(new Date(0));",
        "// @ts-expect-error: the path does not exist in the spec",
        'export const wrong = () => client.GET("/{account}/nope", {});',
        "export type { Get }; export { name };",
      ].join("\n"),
    );
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: "NodeNext",
          moduleResolution: "NodeNext",
          target: "ES2022",
          lib: ["ES2022", "DOM"],
          noEmit: true,
          types: [],
        },
        files: ["consumer.ts"],
      }),
    );
    const tsc = join(project, "node_modules", "typescript", "bin", "tsc");
    expect(() =>
      execFileSync(process.execPath, [tsc, "-p", project], { encoding: "utf8" }),
    ).not.toThrow();
  });

  it("talks to the mock from a plain Node program that imports it by package name", () => {
    const { baseUrl } = inject("modeContract");
    expect(baseUrl, "the Prism mock from the global setup").toBeTruthy();
    writeFileSync(
      join(project, "run.mjs"),
      [
        'import { createModeDatasets } from "mode-datasets";',
        'import spec from "mode-datasets/openapi.json" with { type: "json" };',
        "const mode = createModeDatasets({ baseUrl: process.argv[2], token: 'consumer-token', secret: 'consumer-secret' });",
        "const dataset = await mode.datasets.get({ account: 'northwind', dataset: '5a4177a2902c' });",
        "console.log(JSON.stringify({ title: spec.info.title, type: dataset.type, token: dataset.token }));",
      ].join("\n"),
    );
    const out = execFileSync(process.execPath, ["run.mjs", baseUrl!], {
      cwd: project,
      encoding: "utf8",
    });
    expect(JSON.parse(out)).toEqual({
      title: "Mode Datasets API",
      type: "DatasetReport",
      token: "5a4177a2902c",
    });
  });
});
