import { build, type Metafile } from "esbuild";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { kB, type Row } from "./report.js";

/** Targets, openapi-fetch included, minified and gzipped: the whole entry, and the plain client. */
export const MAX_GZIP_BYTES = 9_000;
export const MAX_CLIENT_GZIP_BYTES = 6_000;

const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * What a browser app pays: esbuild bundles for the browser, minified, ESM, split into chunks as
 * an app's bundler splits it. `contents` is an entry module written in memory, so the same
 * settings measure openapi-fetch alone, the whole public entry, and what tree-shaking leaves of
 * it when only createModeClient is imported. The target counts what loads with the entry (it
 * and the chunks it imports statically); what loads on first use through `import()` (the
 * result parsers, rarely taken paths) is shown beside it and not counted.
 */
const entries: { name: string; contents: string; max?: number }[] = [
  { name: "openapi-fetch alone", contents: `export { default } from "openapi-fetch";` },
  {
    name: "src/index.ts (whole public entry)",
    contents: `export * from "./src/index.ts";`,
    max: MAX_GZIP_BYTES,
  },
  {
    name: "createModeClient only (tree-shaken)",
    contents: `export { createModeClient } from "./src/index.ts";`,
    max: MAX_CLIENT_GZIP_BYTES,
  },
];

export async function measureSize(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const entry of entries) {
    const { raw, gzipped, lazyRaw, lazyGzipped } = await bundleSize(entry.contents);
    const row: Row = {
      section: "size (esbuild, minified)",
      measure: `${entry.name}: min / min+gzip loaded with the entry${lazyRaw ? "; loaded on first use" : ""}`,
      value: `${kB(raw)} / ${kB(gzipped)}${lazyRaw ? `; ${kB(lazyRaw)} / ${kB(lazyGzipped)}` : ""}`,
    };
    if (entry.max !== undefined) {
      row.target = `<= ${kB(entry.max)} gzip`;
      row.ok = gzipped <= entry.max;
    }
    rows.push(row);
  }
  return rows;
}

const ENTRY = "bench-entry";

/**
 * Sizes of the chunks loaded with the entry, each gzipped on its own (as a browser fetches
 * them), and of the chunks only `import()` reaches.
 */
export async function bundleSize(
  contents: string,
): Promise<{ raw: number; gzipped: number; lazyRaw: number; lazyGzipped: number }> {
  const result = await build({
    entryPoints: [ENTRY],
    plugins: [
      {
        name: "in-memory-entry",
        setup(build) {
          build.onResolve({ filter: /^bench-entry$/ }, () => ({ path: ENTRY, namespace: "bench" }));
          build.onLoad({ filter: /.*/, namespace: "bench" }, () => ({
            contents,
            resolveDir: root,
            loader: "ts",
          }));
        },
      },
    ],
    bundle: true,
    splitting: true,
    outdir: "/bench-out",
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const { outputs } = result.metafile;
  // Every import() target is an entry of its own too; the one measured is the in-memory one.
  const entry = Object.keys(outputs).find((path) => outputs[path]?.entryPoint === `bench:${ENTRY}`);
  if (!entry) throw new Error("esbuild produced no entry chunk");
  const eager = reachable(outputs, entry, false);
  const code = new Map(result.outputFiles.map((file) => [basename(file.path), file.contents]));
  const sizes = { raw: 0, gzipped: 0, lazyRaw: 0, lazyGzipped: 0 };
  for (const path of reachable(outputs, entry, true)) {
    const bytes = code.get(basename(path));
    if (!bytes) throw new Error(`esbuild wrote no ${path}`);
    // Level 9, as size badges and bundlephobia-style reports use.
    const gzipped = gzipSync(bytes, { level: 9 }).byteLength;
    if (eager.has(path)) {
      sizes.raw += bytes.byteLength;
      sizes.gzipped += gzipped;
    } else {
      sizes.lazyRaw += bytes.byteLength;
      sizes.lazyGzipped += gzipped;
    }
  }
  return sizes;
}

/** The chunk and those it imports statically (and, with `lazy`, through `import()`), transitively. */
function reachable(outputs: Metafile["outputs"], start: string, lazy: boolean): Set<string> {
  const seen = new Set<string>([start]);
  const stack = [start];
  for (let path = stack.pop(); path !== undefined; path = stack.pop())
    for (const { path: imported, kind } of outputs[path]?.imports ?? [])
      if (
        (kind === "import-statement" || (lazy && kind === "dynamic-import")) &&
        !seen.has(imported)
      ) {
        seen.add(imported);
        stack.push(imported);
      }
  return seen;
}
