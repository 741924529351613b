// The spec the simulator serves and judges by: the package's bundled generated/openapi.json, read
// once per process (JSON, so no YAML parser is needed where the package is installed).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../package-root.js";
import { indexSpec, type SpecIndex, type SpecObject } from "../rules/spec-index.js";

let loaded: { document: SpecObject; index: SpecIndex } | undefined;

export function bundledSpec(): { document: SpecObject; index: SpecIndex } {
  if (!loaded) {
    const document = JSON.parse(
      readFileSync(join(packageRoot, "generated", "openapi.json"), "utf8"),
    ) as SpecObject;
    loaded = { document, index: indexSpec(document) };
  }
  return loaded;
}
