/**
 * What reading rows costs a browser bundle. The parsers (papaparse, @streamparser/json, fflate)
 * are dynamic imports, loaded on first use: tree-shaking must leave none of them, nor anything of
 * src/results/, in an app that imports only `createModeClient`. That bundle is made as the size
 * rows make theirs (esbuild, browser, minified ESM, gzip level 9, one file), and one file is the
 * strict case: esbuild inlines every dynamic import it can reach, so a parser reachable even
 * lazily would show. The whole entry is bundled with code splitting, as a browser app's bundler
 * does, so each parser shows as the chunk it is loaded in.
 */
import { build, type Metafile } from "esbuild";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { kB, type Row } from "./report.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const PARSERS = ["papaparse", "@streamparser/json", "fflate"] as const;

interface Bundle {
  metafile: Metafile;
  /** Min+gzip bytes of each output file, by its path in the metafile. */
  gzipped: Map<string, number>;
}

async function bundle(contents: string, splitting: boolean): Promise<Bundle> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: "ts", sourcefile: "bench-entry.ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    splitting,
    outdir: "bench-out",
    write: false,
    metafile: true,
    // The metafile's paths are relative to this: node_modules/..., src/results/....
    absWorkingDir: root,
    logLevel: "silent",
  });
  const gzipped = new Map<string, number>();
  for (const file of result.outputFiles) {
    const name = relative(root, file.path).replaceAll("\\", "/");
    gzipped.set(name, gzipSync(file.contents, { level: 9 }).byteLength);
  }
  return { metafile: result.metafile, gzipped };
}

const isParser = (input: string, parser: string): boolean =>
  input.includes(`node_modules/${parser}/`);

export async function measureRowsSize(): Promise<Row[]> {
  const section = "rows, size (esbuild, minified)";
  const client = await bundle(`export { createModeClient } from "./src/index.ts";`, false);
  let carried = 0;
  for (const output of Object.values(client.metafile.outputs))
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs))
      if (input.startsWith("src/results/") || PARSERS.some((parser) => isParser(input, parser)))
        carried += bytesInOutput;
  const whole = await bundle(`export * from "./src/index.ts";`, true);
  const chunkOf = (parser: string): number => {
    for (const [name, output] of Object.entries(whole.metafile.outputs))
      if (Object.keys(output.inputs).some((input) => isParser(input, parser)))
        return whole.gzipped.get(name) ?? 0;
    return 0;
  };
  const entry = Object.entries(whole.metafile.outputs).find(([, output]) => output.entryPoint);
  return [
    {
      section,
      measure: `createModeClient only: bytes of ${PARSERS.join(", ")} and src/results/ in the bundle`,
      value: String(carried),
      target: "0",
      ok: carried === 0,
    },
    {
      section,
      measure: `whole entry, code split: min+gzip of the entry; of the chunks loaded on first use (${PARSERS.join(", ")})`,
      value: `${kB(whole.gzipped.get(entry?.[0] ?? "") ?? 0)}; ${PARSERS.map((parser) => kB(chunkOf(parser))).join(", ")}`,
    },
  ];
}
