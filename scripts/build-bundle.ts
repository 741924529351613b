// Bundles each entry of the package into dist/ (`npm run build:bundle`); tsc writes the
// declarations beside them. The import-time bench builds with these same settings, so the
// number it reports is the one a user of the built package pays.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * - Packages stay imports (`--packages=external`): openapi-fetch and the parsers are the user's
 *   to deduplicate.
 * - The main entry is split: what it loads only on first use (reading a run's rows) is a chunk
 *   of its own, so importing the client compiles none of it; the code both need is a second
 *   chunk the entry imports. The Redis entry and the types are bundled apart, so the main entry
 *   shares no chunk with them.
 * - Whitespace and syntax are minified, names kept: a third less for Node to parse on import,
 *   while stack traces still name functions and the source maps lead back to src/.
 */
export async function bundlePackage(outdir: string): Promise<void> {
  const common = {
    absWorkingDir: root,
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    packages: "external",
    sourcemap: true,
    minifyWhitespace: true,
    minifySyntax: true,
    outbase: ".",
    outdir,
    logLevel: "warning",
  } as const;
  await build({
    ...common,
    entryPoints: ["src/index.ts"],
    splitting: true,
    chunkNames: "src/chunks/[name]-[hash]",
  });
  await build({ ...common, entryPoints: ["src/redis/index.ts", "generated/schema.ts"] });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundlePackage(`${root}dist`);
