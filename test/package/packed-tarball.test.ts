// What a user gets from `npm pack` on a fresh clone (npm runs `prepare`, which must build),
// unpacked into a fresh project, imported and required by its package name (the client, the
// simulator and the Redis limiter), type-checked, and run against the mock and the simulator.
// The tarball's dependencies and TypeScript are linked from this repo's node_modules, so the
// test needs no registry.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { installTarball, packCleanClone, repo } from "./pack-clean-clone.js";

let workspace: string;
let project: string;
let tarball: string;

beforeAll(() => {
  ({ workspace, tarball } = packCleanClone());
  project = join(workspace, "consumer");
  // Every runtime dependency, read from package.json so that a new one cannot be missed here.
  const { dependencies } = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
  };
  installTarball(tarball, project, [
    ...Object.keys(dependencies),
    "openapi-typescript-helpers",
    "typescript",
    "@types",
  ]);
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "consumer", type: "module", private: true }),
  );
}, 180_000);

afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe("the package packed from a clean clone", () => {
  it("ships the build, the sources its maps point to, the types, the spec, the README and the docs it links to", () => {
    const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n");
    expect(files).toContain("package/dist/src/index.js");
    expect(files).toContain("package/dist/src/index.js.map");
    // What the entry loads on first use (reading rows) is a chunk of its own.
    expect(files.some((file) => /^package\/dist\/src\/chunks\/results-\w+\.js$/.test(file))).toBe(
      true,
    );
    expect(files).toContain("package/dist/src/index.d.ts");
    expect(files).toContain("package/dist/generated/schema.d.ts");
    expect(files).toContain("package/src/index.ts");
    expect(files).toContain("package/generated/schema.ts");
    expect(files).toContain("package/generated/openapi.json");
    expect(files).toContain("package/generated/openapi.yaml");
    expect(files).toContain("package/README.md");
    expect(files).toContain("package/dist/kit/simulator/index.js");
    expect(files).toContain("package/dist/src/redis/index.js");
    // The README on npm links to docs/: every page it names is in the tarball.
    const readme = readFileSync(join(repo, "README.md"), "utf8");
    const pages = [...readme.matchAll(/\]\((docs\/[^)#\s]+)/g)].map((match) => match[1]);
    expect(pages.length).toBeGreaterThan(3);
    for (const page of new Set(pages)) expect(files, page).toContain(`package/${page}`);
    expect(files.filter((file) => /^package\/(test|openapi|scripts|bench)\//.test(file))).toEqual(
      [],
    );
  });

  it("has every source a source map names", () => {
    const unpacked = join(project, "node_modules", "mode-datasets");
    const maps = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" })
      .split("\n")
      .filter((file) => file.endsWith(".map"))
      .map((file) => join(unpacked, file.replace(/^package\//, "")));
    expect(maps.length).toBeGreaterThan(0);
    for (const map of maps) {
      const { sources } = JSON.parse(readFileSync(map, "utf8")) as {
        sources: string[];
      };
      for (const source of sources) {
        expect(existsSync(resolve(dirname(map), source)), `${map} → ${source}`).toBe(true);
      }
    }
  });

  it("type-checks a consumer that imports the client, the types, the simulator and the Redis limiter by package name", {
    timeout: 120_000,
  }, () => {
    writeFileSync(
      join(project, "consumer.ts"),
      [
        'import { createModeClient, createdAfter, type Dataset } from "mode-datasets";',
        'import type { paths } from "mode-datasets/types";',
        'import { createModeSimulator, type SimulatorReport } from "mode-datasets/simulator";',
        'import { createRedisRateLimiter } from "mode-datasets/redis";',
        "export const sim = createModeSimulator({ seed: 1, datasets: 10 });",
        'export const verdict: SimulatorReport["verdict"] = sim.report().verdict;',
        "export const limiter: typeof createRedisRateLimiter = createRedisRateLimiter;",
        "// @ts-expect-error: the simulator takes no such option",
        "createModeSimulator({ seeds: 1 });",
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

  it("loads with require() from CommonJS, as the README promises on this Node", () => {
    writeFileSync(
      join(project, "required.cjs"),
      'const { createModeClient } = require("mode-datasets"); console.log(typeof createModeClient);',
    );
    const out = execFileSync(process.execPath, ["required.cjs"], {
      cwd: project,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    expect(out.trim()).toBe("function");
  });

  it("runs the client against the simulator, reading rows too, both imported by package name, beside the Redis limiter", () => {
    writeFileSync(
      join(project, "simulate.mjs"),
      [
        'import { createModeDatasets } from "mode-datasets";',
        'import { createModeSimulator } from "mode-datasets/simulator";',
        'import { createRedisRateLimiter } from "mode-datasets/redis";',
        "const sim = createModeSimulator({ seed: 1 });",
        "const mode = createModeDatasets({ fetch: sim.fetch, token: 'consumer-token', secret: 'consumer-secret' });",
        "const spaces = await mode.spaces.list({ account: 'northwind', filter: 'all' });",
        // Rows load a chunk of the build on first use: a chunk left out of the tarball fails here.
        "const [dataset] = await mode.datasets.listForSpace({ account: 'northwind', space: spaces[0].token });",
        "const rows = await mode.datasets.results({ account: 'northwind', dataset: dataset.token, format: 'csv' });",
        "let count = 0;",
        "for await (const row of rows) if (Object.keys(row).join() === rows.columns.join()) count++;",
        "sim.close();",
        "console.log(JSON.stringify({ spaces: spaces.map((space) => space.name), rows: count > 0, verdict: sim.report().verdict, limiter: typeof createRedisRateLimiter }));",
      ].join("\n"),
    );
    const out = execFileSync(process.execPath, ["simulate.mjs"], {
      cwd: project,
      encoding: "utf8",
    });
    expect(JSON.parse(out)).toEqual({
      spaces: ["Sales analytics", "Operations", "Finance"],
      rows: true,
      verdict: "pass",
      limiter: "function",
    });
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
    const out = execFileSync(process.execPath, ["run.mjs", baseUrl as string], {
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
