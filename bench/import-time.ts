import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bundlePackage } from "../scripts/build-bundle.js";
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
 * interleaved. The package is what `npm run build` emits: the same `bundlePackage` its
 * `build:bundle` script runs, with only the output folder changed, so the number is the one a
 * user of the built package pays.
 */
export async function measureImportTime(runs: number): Promise<Row[]> {
  rmSync(outdir, { recursive: true, force: true });
  await bundlePackage(outdir);
  // An installed package has its package.json beside its files, which tells Node they are ES
  // modules. Without one (Node stops looking at node_modules/), Node parses the entry once more
  // to detect its format: about 2 ms in a profile, which no user pays.
  writeFileSync(`${outdir}/package.json`, JSON.stringify({ type: "module" }));
  const ours = pathToFileURL(`${outdir}/src/index.js`).href;
  const targets = [
    { name: "openapi-fetch alone", specifier: "openapi-fetch" },
    { name: "mode-datasets (the built entry)", specifier: ours },
  ];
  // Each run imports both, one after the other; the extra cost is the median of each run's
  // difference, which a slow moment of the shared machine moves far less than either time.
  const alone: number[] = [];
  const withPackage: number[] = [];
  const extra: number[] = [];
  for (let run = 0; run < runs; run++) {
    // The order alternates, so neither import always runs first.
    let aloneMs: number;
    let packageMs: number;
    if (run % 2 === 0) {
      aloneMs = importOnce("openapi-fetch");
      packageMs = importOnce(ours);
    } else {
      packageMs = importOnce(ours);
      aloneMs = importOnce("openapi-fetch");
    }
    alone.push(aloneMs);
    withPackage.push(packageMs);
    extra.push(packageMs - aloneMs);
  }
  const added = median(extra);
  return targets.map((target, index) => {
    const row: Row = {
      section: "import time (fresh process)",
      measure: `${target.name}, median of ${runs}`,
      value: `${fixed(median(index === 0 ? alone : withPackage), 1)} ms`,
    };
    if (index === 1) {
      row.measure += "; the median of each run's difference";
      row.value += `; ${added < 0 ? "-" : "+"}${fixed(Math.abs(added), 1)} ms`;
      row.target = `<= openapi-fetch + ${MAX_EXTRA_MS} ms`;
      row.ok = added <= MAX_EXTRA_MS;
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
