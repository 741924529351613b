// The bundled spec, loaded once, and a JSON Schema validator for any schema inside it.
// Tests validate on our side with Ajv rather than trusting the mock that serves the same file.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

export const bundledSpecPath = new URL("../../generated/openapi.json", import.meta.url);
/** The same bundle as YAML, the file Prism serves. */
export const bundledYamlPath = fileURLToPath(
  new URL("../../generated/openapi.yaml", import.meta.url),
);

// Loose typing on purpose: tests walk the document by its OpenAPI shape.
// biome-ignore lint/suspicious/noExplicitAny: the spec is walked by its OpenAPI shape, untyped on purpose
export type Json = any;

export const spec: Json = JSON.parse(readFileSync(bundledSpecPath, "utf8"));

const SPEC_ID = "https://mode-datasets.test/openapi.json";
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
// OpenAPI 3.1 schemas are JSON Schema 2020-12 plus a few annotation keywords (`example`,
// `discriminator`, `xml`); `strict: false` lets Ajv ignore those.
// OpenAPI's numeric formats are not JSON Schema formats; the numbers' own bounds carry the meaning.
ajv.addFormat("int32", {
  type: "number",
  validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
});
ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isSafeInteger(n) });
ajv.addSchema({ ...spec, $id: SPEC_ID });

const compiled = new Map<string, ValidateFunction>();

/** A validator for the schema at a JSON pointer of the bundled spec, e.g. `#/components/schemas/Dataset`. */
export function validatorAt(pointer: string): ValidateFunction {
  let validate = compiled.get(pointer);
  if (!validate) {
    validate = ajv.compile({ $ref: `${SPEC_ID}${pointer}` });
    compiled.set(pointer, validate);
  }
  return validate;
}

/** JSON pointer escaping for path keys such as `/{account}/datasets/{dataset}`. */
export const escapePointer = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");

/** Ajv's errors as lines a person can read in a failed assertion. */
export const describeErrors = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => `${e.instancePath || "(root)"} ${e.message ?? e.keyword}`).join("\n");

export const HTTP_METHODS = ["get", "put", "post", "patch", "delete"] as const;

/** Every operation of the spec with its method, path and object. */
export function operations(): Array<{ method: string; path: string; operation: Json }> {
  return Object.entries<Json>(spec.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((m) => item[m]).map((method) => ({
      method,
      path,
      operation: item[method],
    })),
  );
}
