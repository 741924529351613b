// The simulator checks requests against the spec's schemas with a checker of its own (Prism and
// Ajv stay out of the package's runtime). It must agree with Ajv on every request schema of the
// spec, for values shaped like requests and for arbitrary JSON, and it must know every keyword
// those schemas use: a keyword it does not know would let bad requests through silently.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { indexSpec } from "../../kit/rules/spec-index.js";
import { ANNOTATIONS, KNOWN_KEYWORDS, schemaProblems } from "../../kit/simulator/json-schema.js";
import {
  escapePointer,
  type Json,
  operations,
  spec,
  validatorAt,
} from "../support/bundled-spec.js";

const index = indexSpec(spec);

const resolve = (node: Json): Json =>
  typeof node?.$ref === "string"
    ? node.$ref
        .slice(2)
        .split("/")
        .reduce((at: Json, key: string) => at?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], spec)
    : node;

/** Every request-side schema: each parameter's and each JSON request body's, with its pointer. */
interface RequestSchema {
  name: string;
  pointer: string;
  schema: Json;
  kind: "parameter" | "body";
  /** Values the spec gives as examples (and a parameter's enum): valid ones to start from. */
  samples: unknown[];
}

const requestSchemas: RequestSchema[] = (() => {
  const out: RequestSchema[] = [];
  const seen = new Set<string>();
  for (const { method, path, operation } of operations()) {
    const base = `#/paths/${escapePointer(path)}`;
    const lists: Array<[string, Json[]]> = [
      [`${base}/parameters`, spec.paths[path].parameters ?? []],
      [`${base}/${method}/parameters`, operation.parameters ?? []],
    ];
    for (const [listPointer, list] of lists) {
      list.forEach((raw: Json, i: number) => {
        const pointer =
          typeof raw.$ref === "string" ? `${raw.$ref}/schema` : `${listPointer}/${i}/schema`;
        if (seen.has(pointer)) return;
        seen.add(pointer);
        const parameter = resolve(raw);
        const samples = [
          parameter.example,
          ...Object.values(parameter.examples ?? {}).map((e) => resolve(e).value),
          ...(parameter.schema.enum ?? []),
          ...(parameter.schema.examples ?? []),
        ].filter((e) => e !== undefined);
        out.push({
          name: `${parameter.name} (${operation.operationId})`,
          pointer,
          schema: parameter.schema,
          kind: "parameter",
          samples,
        });
      });
    }
    const body = operation.requestBody?.content?.["application/json"];
    if (body) {
      out.push({
        name: `body of ${operation.operationId}`,
        pointer: `${base}/${method}/requestBody/content/${escapePointer("application/json")}/schema`,
        schema: body.schema,
        kind: "body",
        samples: [
          ...Object.values(body.examples ?? {}).map((e) => resolve(e).value),
          ...(resolve(body.schema).examples ?? []),
        ],
      });
    }
  }
  return out;
})();

/** Every keyword used anywhere inside `schema`, following $refs once each. */
function keywordsOf(
  schema: Json,
  out = new Set<string>(),
  visited = new Set<unknown>(),
): Set<string> {
  const node = resolve(schema);
  if (typeof node !== "object" || node === null || visited.has(node)) return out;
  visited.add(node);
  if (typeof schema?.$ref === "string") out.add("$ref");
  for (const [key, value] of Object.entries(node)) {
    out.add(key);
    if (key === "properties")
      for (const child of Object.values(value as Json)) keywordsOf(child, out, visited);
    else if (["items", "additionalProperties", "not"].includes(key))
      keywordsOf(value, out, visited);
    else if (["oneOf", "anyOf", "allOf"].includes(key))
      for (const child of value as Json[]) keywordsOf(child, out, visited);
  }
  return out;
}

it("knows every keyword the spec's request schemas use", () => {
  expect(requestSchemas.length).toBeGreaterThan(10);
  const unknown = new Set<string>();
  for (const { schema } of requestSchemas) {
    for (const keyword of keywordsOf(schema)) {
      if (!KNOWN_KEYWORDS.has(keyword) && !ANNOTATIONS.has(keyword) && !keyword.startsWith("x-"))
        unknown.add(keyword);
    }
  }
  expect([...unknown]).toEqual([]);
});

/** Property names of every body schema: the generator builds objects from them. */
const names = [
  ...new Set(
    requestSchemas.filter((s) => s.kind === "body").flatMap((s) => [...namesOf(s.schema)]),
  ),
];

function namesOf(schema: Json, out = new Set<string>(), visited = new Set<unknown>()): Set<string> {
  const node = resolve(schema);
  if (typeof node !== "object" || node === null || visited.has(node)) return out;
  visited.add(node);
  for (const [name, child] of Object.entries((node.properties ?? {}) as Json)) {
    out.add(name);
    namesOf(child, out, visited);
  }
  for (const key of ["items", "additionalProperties"]) namesOf(node[key], out, visited);
  for (const key of ["oneOf", "anyOf", "allOf"])
    for (const child of node[key] ?? []) namesOf(child, out, visited);
  return out;
}

const leaf = fc.oneof(
  fc.constantFrom("", "   ", "5a4177a2902c", "Orders by region", "a/b", "EMEA", "x".repeat(300)),
  fc.string(),
  fc.integer({ min: -5, max: 2_000 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const requestLike = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, leaf, tie("object"), tie("array")),
  object: fc.dictionary(fc.constantFrom(...names, "unexpected"), tie("value"), { maxKeys: 3 }),
  array: fc.array(tie("value"), { maxLength: 3 }),
})).value;

type Mutation = { op: "add" | "delete" | "replace"; at: number; key: string; value: unknown };

/** `example` with each mutation applied at one of its objects or arrays: near-valid values. */
function mutate(example: unknown, mutations: Mutation[]): unknown {
  const copy = structuredClone(example);
  for (const mutation of mutations) {
    const { op, at, key } = mutation;
    // A copy: fast-check may hand the same object to two mutations, and adding it inside itself
    // would make a value that is no JSON at all.
    const value = structuredClone(mutation.value);
    const nodes: Array<Record<string, unknown> | unknown[]> = [];
    const walk = (node: unknown): void => {
      if (typeof node !== "object" || node === null) return;
      nodes.push(node as Record<string, unknown>);
      for (const child of Object.values(node)) walk(child);
    };
    walk(copy);
    const node = nodes[at % Math.max(1, nodes.length)];
    if (!node) return value;
    const keys = Object.keys(node);
    const existing = keys[at % Math.max(1, keys.length)];
    if (Array.isArray(node)) {
      if (op === "delete") node.pop();
      else node.push(value);
    } else if (op === "add") node[key] = value;
    else if (existing !== undefined && op === "delete") delete node[existing];
    else if (existing !== undefined) node[existing] = value;
  }
  return copy;
}

const mutations = fc.array(
  fc.record({
    op: fc.constantFrom("add" as const, "delete" as const, "replace" as const),
    at: fc.nat(),
    key: fc.constantFrom(...names, "unexpected"),
    value: fc.oneof(leaf, fc.dictionary(fc.constantFrom(...names), leaf, { maxKeys: 2 })),
  }),
  { maxLength: 2 },
);

describe.each(requestSchemas.map((s) => [s.name, s] as const))(
  "%s",
  (_, { pointer, schema, kind, samples }) => {
    const ajv = validatorAt(pointer);
    const agree = (value: unknown): void => {
      const ours = schemaProblems(value, schema, index, "request").length === 0;
      expect(ours, `value ${JSON.stringify(value)}: Ajv says ${ajv(value)}`).toBe(ajv(value));
    };

    it("agrees with Ajv on its examples mutated, on request-shaped values and on arbitrary JSON", () => {
      const examples = samples.length > 0 ? samples : [null];
      for (const example of samples) agree(example);
      let valid = 0;
      const count = (value: unknown): void => {
        agree(value);
        if (ajv(value)) valid += 1;
      };
      const values =
        kind === "body"
          ? fc.oneof(
              fc.tuple(fc.constantFrom(...examples), mutations).map(([e, m]) => mutate(e, m)),
              requestLike,
            )
          : fc.oneof(
              leaf,
              fc.jsonValue(),
              fc.constantFrom(...examples),
              fc
                .constantFrom(...examples)
                .map((e) => (typeof e === "string" ? e.toUpperCase() : e)),
              fc.constantFrom(...examples).map((e) => (typeof e === "string" ? `${e}x` : e)),
              fc.integer({ min: -2, max: 2_000 }),
            );
      fc.assert(fc.property(values, count), { numRuns: 400 });
      // Both valid and invalid values were tried, so agreement means something either way.
      expect(valid).toBeGreaterThan(10);
      expect(valid).toBeLessThan(390);
    });
  },
);
