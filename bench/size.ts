import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { kB, type Row } from "./report.js";

/** Targets, openapi-fetch included, minified and gzipped: the whole entry, and the plain client. */
export const MAX_GZIP_BYTES = 9_000;
export const MAX_CLIENT_GZIP_BYTES = 6_000;

const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * What a browser app pays: esbuild bundles for the browser, minified, ESM. `contents` is an entry
 * module written in memory, so the same settings measure openapi-fetch alone, the whole public
 * entry, and what tree-shaking leaves of it when only createModeClient is imported.
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
    const { raw, gzipped } = await bundleSize(entry.contents);
    const row: Row = {
      section: "size (esbuild, minified)",
      measure: `${entry.name}: min / min+gzip`,
      value: `${kB(raw)} / ${kB(gzipped)}`,
    };
    if (entry.max !== undefined) {
      row.target = `<= ${kB(entry.max)} gzip`;
      row.ok = gzipped <= entry.max;
    }
    rows.push(row);
  }
  return rows;
}

export async function bundleSize(contents: string): Promise<{ raw: number; gzipped: number }> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: "ts", sourcefile: "bench-entry.ts" },
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
