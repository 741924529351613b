import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { kB, type Row } from "./report.js";

/** Targets, openapi-fetch included, minified and gzipped: the whole entry, and the plain client. */
export const MAX_GZIP_BYTES = 9_000;
export const MAX_CLIENT_GZIP_BYTES = 6_000;

const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * What a browser app pays: esbuild bundles for the browser, minified, ESM. `contents` is an
 * entry module written in memory, so the same settings measure openapi-fetch alone, the whole
 * public entry, and what tree-shaking leaves of it when only createModeClient is imported. The target counts what loads with the entry; what
 * loads on first use through `import()` (reading a run's rows and its parsers) is shown beside
 * it and not counted.
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

/**
 * Sizes of what loads with the entry (every `import()` left out of the bundle, as a bundler
 * splits it into a chunk of its own) and, for comparison, of the entry with all it can load.
 */
export async function bundleSize(
  contents: string,
): Promise<{ raw: number; gzipped: number; lazyRaw: number; lazyGzipped: number }> {
  const eager = await bundle(contents, true);
  const whole = await bundle(contents, false);
  return {
    ...eager,
    lazyRaw: whole.raw - eager.raw,
    lazyGzipped: whole.gzipped - eager.gzipped,
  };
}

async function bundle(
  contents: string,
  withoutImportCalls: boolean,
): Promise<{ raw: number; gzipped: number }> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: "ts", sourcefile: "bench-entry.ts" },
    plugins: withoutImportCalls
      ? [
          {
            name: "import-calls-load-later",
            setup(build) {
              build.onResolve({ filter: /.*/ }, ({ kind, path }) =>
                kind === "dynamic-import" ? { path, external: true } : undefined,
              );
            },
          },
        ]
      : [],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error("esbuild produced no output");
  // Level 9, as size badges and bundlephobia-style reports use.
  return { raw: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength };
}
