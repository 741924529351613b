// Finds Prism's own entry script. Prism is an optional peer dependency: the client alone never
// needs it, the kit always does, so its absence is reported with exactly what to install.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { packageRoot } from "../package-root.js";

/** The Prism release line the kit is tested with. */
export const PRISM_VERSION = "5.14.2";

export class PrismMissingError extends Error {
  override name = "PrismMissingError";
  constructor(root = packageRoot) {
    super(
      [
        "the contract kit needs Prism, which is not installed beside mode-datasets.",
        `  Install it: ${installHint(root)}`,
      ].join("\n"),
    );
  }
}

/**
 * The command that installs Prism where this package will find it: in the project that has
 * mode-datasets in its node_modules (the package is not on the npm registry, so nothing fetched
 * by name would be this package), globally beside a global install, or with `npm ci` in a clone.
 */
export function installHint(root: string): string {
  const prism = `@stoplight/prism-cli@${PRISM_VERSION}`;
  const modules = basename(dirname(root)) === "node_modules" ? dirname(root) : undefined;
  if (modules === undefined) return `cd ${quote(root)} && npm ci`;
  const project = dirname(modules);
  if (existsSync(join(project, "package.json"))) {
    return `cd ${quote(project)} && npm install --save-dev ${prism}`;
  }
  return `npm install --global ${prism}`;
}

const quote = (path: string): string =>
  /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, "'\\''")}'`;

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
