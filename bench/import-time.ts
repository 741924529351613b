import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { fixed, type Row } from "./report.js";
import { median } from "./stats.js";

const root = fileURLToPath(new URL("..", import.meta.url));
// Inside node_modules so the emitted files resolve `openapi-fetch` the way dist/ does, without
// touching dist/ (which `npm run build` owns).
const outdir = `${root}node_modules/.cache/mode-datasets-bench`;

/**
 * Milliseconds to `import()` the package in a fresh Node process, beside openapi-fetch alone.
 * src/ is transpiled file by file (what `npm run build` emits, minus the .d.ts files), so the
 * number includes resolving and evaluating every module of the package.
 */
export async function measureImportTime(runs: number): Promise<Row[]> {
  rmSync(outdir, { recursive: true, force: true });
  const sources = readdirSync(`${root}src`, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".ts"))
    .map((name) => `${root}src/${name}`);
  await build({
    entryPoints: [...sources, `${root}generated/schema.ts`],
    outdir,
    outbase: root,
    bundle: false,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    logLevel: "silent",
  });
  const ours = pathToFileURL(`${outdir}/src/index.js`).href;
  const targets = [
    { name: "openapi-fetch alone", specifier: "openapi-fetch" },
    { name: "mode-datasets (src/index)", specifier: ours },
  ];
  const times = targets.map(() => [] as number[]);
  for (let run = 0; run < runs; run++) {
    for (const [index, target] of targets.entries())
      times[index]?.push(importOnce(target.specifier));
  }
  return targets.map((target, index) => ({
    section: "import time (fresh process)",
    measure: `${target.name}, median of ${runs}`,
    value: `${fixed(median(times[index] as number[]), 1)} ms`,
  }));
}

function importOnce(specifier: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t));`;
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: root,
    encoding: "utf8",
  });
  const ms = Number(output);
  if (!Number.isFinite(ms))
    throw new Error(`import of ${specifier} printed ${JSON.stringify(output)}`);
  return ms;
}
