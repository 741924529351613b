// `mode-datasets docs [--out DIR]`: writes the API reference (one self-contained HTML page that
// opens from disk) and the bundled spec beside it. The page is rendered when the package is
// built, so this needs nothing but the package.
import { cpSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { defineCommand } from "../command.js";
import { packageRoot } from "../package-root.js";

export const docs = defineCommand({
  summary: "writes the API reference, one offline HTML page, and the spec to a folder",
  usage: "[--out DIR]",
  about: `Writes index.html (the API reference; open it in a browser, no server or network needed),
openapi.yaml and openapi.json to DIR.`,
  options: {
    out: {
      type: "string",
      value: "DIR",
      description: "where to write (default: ./mode-datasets-docs)",
    },
  },
  takes: "nothing",
  async run(options) {
    const built = join(packageRoot, "dist", "docs");
    if (!existsSync(join(built, "index.html"))) {
      throw new Error(`${built} has no rendered page; run \`npm run build\` in ${packageRoot}`);
    }
    const target = resolve(options.out ?? "mode-datasets-docs");
    cpSync(built, target, { recursive: true });
    console.log(
      `docs: wrote ${join(target, "index.html")} (open it in a browser) and the spec beside it`,
    );
    return 0;
  },
});
