// `mode-datasets docs [--out DIR]`: writes the API reference (one self-contained HTML page that
// opens from disk) and the bundled spec beside it. The page is rendered when the package is
// built, so this needs nothing but the package.
import { cpSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "./cli.js";
import { packageRoot } from "./package-root.js";

export const docs: Command = {
  summary: "writes the API reference, one offline HTML page, and the spec to a folder",
  help: `usage: mode-datasets docs [--out DIR]

Writes index.html (the API reference; open it in a browser, no server or network needed),
openapi.yaml and openapi.json to DIR.

Options:
  --out DIR   where to write (default: ./mode-datasets-docs)`,
  async run(argv) {
    let out = "mode-datasets-docs";
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i];
      if (arg === "--out" && argv[i + 1] !== undefined) out = argv[++i] as string;
      else throw new Error(`unexpected argument ${String(arg)}; see mode-datasets docs --help`);
    }
    const built = join(packageRoot, "dist", "docs");
    if (!existsSync(join(built, "index.html"))) {
      throw new Error(`${built} has no rendered page; run \`npm run build\` in ${packageRoot}`);
    }
    const target = resolve(out);
    cpSync(built, target, { recursive: true });
    console.log(
      `docs: wrote ${join(target, "index.html")} (open it in a browser) and the spec beside it`,
    );
    return 0;
  },
};
