// Where this package's files are. The kit runs from its sources in a clone (kit/) and from the
// compiled copy once installed (dist/kit/), at different depths, so the root is found by walking
// up to our own package.json rather than by a fixed number of "..".
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string };
      if (name === "mode-datasets") return dir;
    }
    if (dirname(dir) === dir) throw new Error(`no package.json of mode-datasets above ${from}`);
  }
}

/** The folder holding mode-datasets' package.json (the repository, or the installed package). */
export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** The bundled spec Prism serves: never the split sources, which Prism cannot resolve alone. */
export const bundledSpec = join(packageRoot, "generated", "openapi.yaml");
