// Checks a value against one of the spec's JSON Schemas, for the requests the simulator judges
// (query parameters and bodies). The kit leaves schema checks to Prism, which the simulator must
// not load, and Ajv is a development tool only; so this knows the keywords request schemas use
// (`KNOWN_KEYWORDS`), and a test fails when the spec starts using another one. Each problem is
// said in words, with what to send instead, never as a regular expression.
import type { SpecIndex, SpecObject } from "../rules/spec-index.js";
import { isObject } from "../rules/spec-index.js";

export interface SchemaProblem {
  /** Where, in the kit's words: `request.body.report.name`, `request.query.order`. */
  location: string;
  /** The JSON Schema keyword that failed. */
  keyword: string;
  message: string;
}

/** Keywords that constrain a value; annotations (description, examples...) are read as nothing. */
export const KNOWN_KEYWORDS = new Set([
  "$ref",
  "type",
  "enum",
  "const",
  "pattern",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "required",
  "properties",
  "additionalProperties",
  "minProperties",
  "maxProperties",
  "items",
  "minItems",
  "maxItems",
  "uniqueItems",
  "oneOf",
  "anyOf",
  "allOf",
  "format",
]);

/** Keywords that only describe: never a reason to refuse a value. */
export const ANNOTATIONS = new Set([
  "description",
  "summary",
  "title",
  "example",
  "examples",
  "default",
  "deprecated",
  "readOnly",
  "writeOnly",
  "discriminator",
  "xml",
  "externalDocs",
  "$comment",
]);

const MAX_DEPTH = 32;

const typeOf = (value: unknown): string =>
  value === null
    ? "null"
    : Array.isArray(value)
      ? "array"
      : typeof value === "number" && Number.isInteger(value)
        ? "integer"
        : typeof value;

const matchesType = (value: unknown, type: string): boolean => {
  const actual = typeOf(value);
  return actual === type || (type === "number" && actual === "integer");
};

const show = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

const list = (values: readonly unknown[]): string =>
  values.map((v) => `\`${String(v)}\``).join(", ");

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Every problem `value` has against `schema`; empty when it is valid. */
export function schemaProblems(
  value: unknown,
  rawSchema: unknown,
  spec: SpecIndex,
  location: string,
): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  check(value, rawSchema, spec, location, out, 0);
  return out;
}

function check(
  value: unknown,
  rawSchema: unknown,
  spec: SpecIndex,
  at: string,
  out: SchemaProblem[],
  depth: number,
): void {
  if (rawSchema === true || rawSchema === undefined) return;
  if (rawSchema === false) {
    out.push({ location: at, keyword: "false", message: `${at} is not allowed here` });
    return;
  }
  const schema = spec.resolve(rawSchema);
  if (!schema || depth > MAX_DEPTH) return;
  const problem = (keyword: string, message: string): void => {
    out.push({ location: at, keyword, message });
  };

  for (const branch of asArray(schema["allOf"])) check(value, branch, spec, at, out, depth + 1);
  const oneOf = asArray(schema["oneOf"]);
  if (oneOf.length > 0) {
    const results = oneOf.map((b) => schemaProblems(value, b, spec, at));
    const passing = results.filter((r) => r.length === 0).length;
    if (passing !== 1) {
      const closest = [...results].sort((a, b) => a.length - b.length)[0] ?? [];
      problem(
        "oneOf",
        passing === 0
          ? `${at} matches none of the ${oneOf.length} documented shapes; the closest says: ${closest.map((p) => p.message).join("; ")}`
          : `${at} matches ${passing} of the documented shapes, where exactly one is allowed`,
      );
    }
  }
  const anyOf = asArray(schema["anyOf"]);
  if (anyOf.length > 0 && !anyOf.some((b) => schemaProblems(value, b, spec, at).length === 0)) {
    problem("anyOf", `${at} matches none of the ${anyOf.length} documented shapes`);
  }

  const type = schema["type"];
  const types = typeof type === "string" ? [type] : Array.isArray(type) ? (type as string[]) : [];
  if (types.length > 0 && !types.some((t) => matchesType(value, t))) {
    problem("type", `${at} is ${typeOf(value)} ${show(value)}; expected ${types.join(" or ")}`);
    return;
  }
  if (Array.isArray(schema["enum"]) && !schema["enum"].some((e) => sameJson(e, value))) {
    const allowed = schema["enum"] as unknown[];
    const caseOnly = allowed.find(
      (e) =>
        typeof e === "string" &&
        typeof value === "string" &&
        e.toLowerCase() === value.toLowerCase(),
    );
    problem(
      "enum",
      `${at} is ${show(value)}; expected one of ${list(allowed)}` +
        (caseOnly === undefined
          ? ""
          : ` (values are case-sensitive: send \`${String(caseOnly)}\`)`),
    );
  }
  if ("const" in schema && !sameJson(schema["const"], value)) {
    problem("const", `${at} is ${show(value)}; expected ${show(schema["const"])}`);
  }

  if (typeof value === "string") checkString(value, schema, at, problem);
  if (typeof value === "number") checkNumber(value, schema, at, problem);
  if (Array.isArray(value)) {
    const { minItems, maxItems } = schema;
    if (typeof minItems === "number" && value.length < minItems)
      problem("minItems", `${at} has ${value.length} item(s); send at least ${minItems}`);
    if (typeof maxItems === "number" && value.length > maxItems)
      problem("maxItems", `${at} has ${value.length} items; send at most ${maxItems}`);
    if (schema["uniqueItems"] === true) {
      const seen = new Set(value.map((v) => JSON.stringify(v)));
      if (seen.size !== value.length) problem("uniqueItems", `${at} lists the same item twice`);
    }
    if (schema["items"] !== undefined && value.length <= 10_000) {
      value.forEach((item, i) => {
        check(item, schema["items"], spec, `${at}.${i}`, out, depth + 1);
      });
    }
  }
  if (isObject(value)) checkObject(value, schema, spec, at, out, depth, problem);
}

function checkString(
  value: string,
  schema: SpecObject,
  at: string,
  problem: (keyword: string, message: string) => void,
): void {
  const { minLength, maxLength, pattern } = schema;
  const length = [...value].length;
  if (typeof minLength === "number" && length < minLength)
    problem("minLength", `${at} is too short (${length} characters); send at least ${minLength}`);
  if (typeof maxLength === "number" && length > maxLength)
    problem("maxLength", `${at} is too long (${length} characters); send at most ${maxLength}`);
  if (typeof pattern === "string" && !safeTest(pattern, value)) {
    const example = firstExample(schema);
    problem(
      "pattern",
      `${at} ${show(value)} does not have the documented form` +
        (example === undefined ? "" : `; for example ${show(example)}`),
    );
  }
}

function checkNumber(
  value: number,
  schema: SpecObject,
  at: string,
  problem: (keyword: string, message: string) => void,
): void {
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = schema;
  const range =
    typeof minimum === "number" && typeof maximum === "number"
      ? `from ${minimum} to ${maximum}`
      : typeof minimum === "number"
        ? `of at least ${minimum}`
        : `of at most ${String(maximum)}`;
  if (
    (typeof minimum === "number" && value < minimum) ||
    (typeof maximum === "number" && value > maximum)
  ) {
    problem(
      typeof minimum === "number" && value < minimum ? "minimum" : "maximum",
      `${at} is ${value}; expected a value ${range}`,
    );
  }
  if (typeof exclusiveMinimum === "number" && value <= exclusiveMinimum)
    problem("exclusiveMinimum", `${at} is ${value}; expected more than ${exclusiveMinimum}`);
  if (typeof exclusiveMaximum === "number" && value >= exclusiveMaximum)
    problem("exclusiveMaximum", `${at} is ${value}; expected less than ${exclusiveMaximum}`);
}

function checkObject(
  value: SpecObject,
  schema: SpecObject,
  spec: SpecIndex,
  at: string,
  out: SchemaProblem[],
  depth: number,
  problem: (keyword: string, message: string) => void,
): void {
  const properties = spec.resolve(schema["properties"]) ?? {};
  const keys = Object.keys(value);
  for (const name of asArray(schema["required"])) {
    if (typeof name === "string" && !(name in value))
      problem("required", `${at} has no \`${name}\`, which is required`);
  }
  const { minProperties, maxProperties } = schema;
  if (typeof minProperties === "number" && keys.length < minProperties)
    problem("minProperties", `${at} has ${keys.length} field(s); send at least ${minProperties}`);
  if (typeof maxProperties === "number" && keys.length > maxProperties)
    problem("maxProperties", `${at} has ${keys.length} fields; send at most ${maxProperties}`);
  const additional = schema["additionalProperties"];
  for (const key of keys.slice(0, 1_000)) {
    const child = value[key];
    const where = `${at}.${key}`;
    if (key in properties) check(child, properties[key], spec, where, out, depth + 1);
    else if (additional === false) {
      const known = Object.keys(properties);
      problem(
        "additionalProperties",
        `${where} is not a field of ${at}; ` +
          (known.length > 0 ? `it takes ${list(known)}` : "it takes no fields"),
      );
    } else if (additional !== undefined && additional !== true) {
      check(child, additional, spec, where, out, depth + 1);
    }
  }
}

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function firstExample(schema: SpecObject): unknown {
  const examples = schema["examples"];
  if (Array.isArray(examples) && examples.length > 0) return examples[0];
  return schema["example"];
}

const compiled = new Map<string, RegExp | null>();

/** Tests a spec pattern; one JavaScript cannot compile is treated as passing, not as a crash. */
function safeTest(pattern: string, value: string): boolean {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    try {
      regex = new RegExp(pattern, "u");
    } catch {
      regex = null;
    }
    compiled.set(pattern, regex);
  }
  return regex === null || regex.test(value);
}
