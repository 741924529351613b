// Finds Prism's own entry script. Prism is an optional peer dependency: the client alone never
// needs it, the kit always does, so its absence is reported with exactly what to install.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { packageRoot } from "../package-root.js";

/** The Prism release line the kit is tested with. */
export const PRISM_VERSION = "5.14.2";

export class PrismMissingError extends Error {
  override name = "PrismMissingError";
  constructor() {
    super(
      [
        "the contract kit needs Prism, which is not installed beside mode-datasets.",
        `  In a project:        npm install --save-dev @stoplight/prism-cli@${PRISM_VERSION}`,
        `  With nothing installed: npx -p mode-datasets -p @stoplight/prism-cli@${PRISM_VERSION} mode-datasets <command>`,
      ].join("\n"),
    );
  }
}

/** Absolute path of Prism's CLI script, resolved as Node would from this package. */
export function prismEntry(): string {
  const require = createRequire(join(packageRoot, "package.json"));
  let manifest: string;
  try {
    manifest = require.resolve("@stoplight/prism-cli/package.json");
  } catch {
    throw new PrismMissingError();
  }
  const { bin } = JSON.parse(readFileSync(manifest, "utf8")) as {
    bin: string | Record<string, string>;
  };
  const script = typeof bin === "string" ? bin : bin["prism"];
  if (!script) throw new Error(`${manifest} names no prism executable`);
  return join(dirname(manifest), script);
}
