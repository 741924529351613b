// Reads the spec the kit checks against. The bundled spec has a JSON twin, so the installed kit
// needs no YAML parser of its own; another YAML file (`--spec`) is read with the `yaml` package
// when the project has it.
import { existsSync, readFileSync } from "node:fs";
import { bundledSpec } from "./package-root.js";

// biome-ignore lint/suspicious/noExplicitAny: a spec is walked by its OpenAPI shape
export type SpecDocument = any;

/** Parses an OpenAPI file given as JSON or YAML. */
export async function loadSpec(file: string): Promise<SpecDocument> {
  const twin = file === bundledSpec ? file.replace(/\.yaml$/, ".json") : undefined;
  if (twin && existsSync(twin)) return JSON.parse(readFileSync(twin, "utf8"));
  const text = readFileSync(file, "utf8");
  if (/\.json$/i.test(file)) return JSON.parse(text);
  let yaml: { parse(text: string): unknown };
  try {
    yaml = await import("yaml");
  } catch {
    throw new Error(
      `reading ${file} needs the yaml package (npm install --save-dev yaml), or pass the spec as JSON`,
    );
  }
  return yaml.parse(text);
}
