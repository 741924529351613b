// Part of `npm run build`: renders the API reference into dist/docs/, so the installed package's
// `mode-datasets docs` can hand it out without Redocly (a devDependency) being installed.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildDocs } from "./docs-builder.js";

const root = fileURLToPath(new URL("..", import.meta.url));
await buildDocs({ outDir: join(root, "dist", "docs") });
