import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { kB, type Row } from "./report.js";

/** Target from the issue: the whole client, openapi-fetch included, minified and gzipped. */
export const MAX_GZIP_BYTES = 4_500;

const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * What a browser app pays: esbuild bundles for the browser, minified, ESM. `contents` is an entry
 * module written in memory, so the same settings measure openapi-fetch alone, the whole public
 * entry, and what tree-shaking leaves of it when only createModeClient is imported.
 */
const entries: { name: string; contents: string; target?: boolean }[] = [
  { name: "openapi-fetch alone", contents: `export { default } from "openapi-fetch";` },
  {
    name: "src/index.ts (whole public entry)",
    contents: `export * from "./src/index.ts";`,
    target: true,
  },
  {
    name: "createModeClient only (tree-shaken)",
    contents: `export { createModeClient } from "./src/index.ts";`,
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
    if (entry.target) {
      row.target = `<= ${kB(MAX_GZIP_BYTES)} gzip`;
      row.ok = gzipped <= MAX_GZIP_BYTES;
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
