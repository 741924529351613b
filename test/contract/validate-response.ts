// Validates a response body on our side, against the operation's response schema in the bundled
// generated/openapi.json, so contract tests do not rely on Prism alone: Prism checks its own
// answers, this checks what reached our client.
import { readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

type Json = Record<string, any>;

const specUrl = new URL("../../generated/openapi.json", import.meta.url);
const spec = JSON.parse(readFileSync(specUrl, "utf8")) as Json;
const SPEC_ID = "https://mode-datasets.local/openapi.json";

// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

// OpenAPI 3.1 schemas are JSON Schema 2020-12 plus a few annotation keywords (`example`,
// `discriminator`, `xml`, `externalDocs`); `strict: false` lets Ajv ignore those.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(spec, SPEC_ID);

/** `/a/{b}` -> `~1a~1{b}` (JSON Pointer escaping). */
const escape = (segment: string): string => segment.replace(/~/g, "~0").replace(/\//g, "~1");

const cache = new Map<string, ValidateFunction>();

/**
 * The validator for the body of `status` on `method path` with `mediaType`, references into
 * components resolved by Ajv. Throws naming what is missing when the spec documents no such body.
 */
export function responseValidator(
  path: string,
  method: string,
  status: number | string,
  mediaType = "application/hal+json",
): ValidateFunction {
  const key = `${method} ${path} ${status} ${mediaType}`;
  const cached = cache.get(key);
  if (cached) return cached;

  const operation = spec["paths"]?.[path]?.[method.toLowerCase()] as Json | undefined;
  if (!operation) throw new Error(`the spec has no operation ${method.toUpperCase()} ${path}`);
  let pointer = `#/paths/${escape(path)}/${method.toLowerCase()}/responses/${status}`;
  let response = operation["responses"]?.[String(status)] as Json | undefined;
  if (!response) throw new Error(`${method.toUpperCase()} ${path} documents no ${status} response`);
  if (typeof response["$ref"] === "string") {
    // Responses shared under components/responses.
    pointer = response["$ref"] as string;
    response = pointer
      .slice(2)
      .split("/")
      .reduce<Json | undefined>((node, part) => node?.[part.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
  }
  if (!response?.["content"]?.[mediaType]?.["schema"]) {
    throw new Error(`${method.toUpperCase()} ${path} ${status} documents no ${mediaType} body`);
  }
  const validate = ajv.compile({ $ref: `${SPEC_ID}${pointer}/content/${escape(mediaType)}/schema` });
  cache.set(key, validate);
  return validate;
}

/** Ajv's errors as lines a person can read in a failed assertion. */
export function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || "(body)"} ${e.message ?? e.keyword}`).join("\n");
}

/** The documented statuses of an operation, for "is this status documented" checks. */
export function documentedStatuses(path: string, method: string): string[] {
  return Object.keys(spec["paths"]?.[path]?.[method.toLowerCase()]?.["responses"] ?? {});
}

/** One answer the spec documents for an operation: a status, a media type and a named example. */
export interface DocumentedAnswer {
  status: number;
  /** null for a body-less answer (deleteDataset's 200 and 204). */
  mediaType: string | null;
  /** Example name, for Prism's `Prefer: example=<name>`; null when the media type names none. */
  example: string | null;
}

/** Every status, media type and named example the spec documents for `method path`. */
export function documentedAnswers(path: string, method: string): DocumentedAnswer[] {
  const responses = (spec["paths"]?.[path]?.[method.toLowerCase()]?.["responses"] ?? {}) as Record<string, Json>;
  const answers: DocumentedAnswer[] = [];
  for (const [status, raw] of Object.entries(responses)) {
    const ref = raw["$ref"] as string | undefined;
    const response = ref ? (spec["components"]["responses"][ref.split("/").pop() as string] as Json) : raw;
    const content = Object.entries((response["content"] ?? {}) as Record<string, Json>);
    if (content.length === 0) answers.push({ status: Number(status), mediaType: null, example: null });
    for (const [mediaType, media] of content) {
      const names = Object.keys((media["examples"] ?? {}) as Json);
      if (names.length === 0) answers.push({ status: Number(status), mediaType, example: null });
      for (const example of names) answers.push({ status: Number(status), mediaType, example });
    }
  }
  return answers;
}

/** `documentedAnswers` as `it.each` rows: [label, answer]. */
export function documentedAnswerCases(path: string, method: string): Array<[string, DocumentedAnswer]> {
  return documentedAnswers(path, method).map((a) => [`${a.status} ${a.mediaType ?? "(no body)"}${a.example ? ` "${a.example}"` : ""}`, a]);
}
