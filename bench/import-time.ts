import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { fixed, type Row } from "./report.js";
import { median } from "./stats.js";

const root = fileURLToPath(new URL("..", import.meta.url));
// Inside node_modules so the bundle resolves `openapi-fetch` the way dist/ does, without
// touching dist/ (which `npm run build` owns).
const outdir = `${root}node_modules/.cache/mode-datasets-bench`;

/** Target: importing the package costs at most this much more than importing openapi-fetch. */
export const MAX_EXTRA_MS = 5;

/**
 * Milliseconds to `import()` the package in a fresh Node process, beside openapi-fetch alone,
 * interleaved. The package is what `npm run build` emits: its `build:bundle` script, run as it
 * stands in package.json with only the output folder changed, so the number is the one a user
 * of the built package pays.
 */
export async function measureImportTime(runs: number): Promise<Row[]> {
  rmSync(outdir, { recursive: true, force: true });
  const scripts = (
    JSON.parse(readFileSync(`${root}package.json`, "utf8")) as { scripts: Record<string, string> }
  ).scripts;
  const args = (scripts["build:bundle"] ?? "")
    .replace(/^esbuild /, "")
    .split(" ")
    .map((arg) => (arg.startsWith("--outdir=") ? `--outdir=${outdir}` : arg));
  execFileSync(`${root}node_modules/.bin/esbuild`, args, { cwd: root, stdio: "inherit" });
  const ours = pathToFileURL(`${outdir}/src/index.js`).href;
  const targets = [
    { name: "openapi-fetch alone", specifier: "openapi-fetch" },
    { name: "mode-datasets (the built entry)", specifier: ours },
  ];
  const times = targets.map(() => [] as number[]);
  for (let run = 0; run < runs; run++) {
    for (const [index, target] of targets.entries())
      times[index]?.push(importOnce(target.specifier));
  }
  const [alone, package_] = times.map((list) => median(list)) as [number, number];
  return targets.map((target, index) => {
    const row: Row = {
      section: "import time (fresh process)",
      measure: `${target.name}, median of ${runs}`,
      value: `${fixed(index === 0 ? alone : package_, 1)} ms`,
    };
    if (index === 1) {
      row.value += `; +${fixed(package_ - alone, 1)} ms`;
      row.target = `<= openapi-fetch + ${MAX_EXTRA_MS} ms`;
      row.ok = package_ - alone <= MAX_EXTRA_MS;
    }
    return row;
  });
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
