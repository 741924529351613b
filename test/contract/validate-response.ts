// Validates a response body on our side, against the operation's response schema in the bundled
// generated/openapi.json, so contract tests do not rely on Prism alone: Prism checks its own
// answers, this checks what reached our client.
import type { ValidateFunction } from "ajv/dist/2020.js";
import {
  escapePointer,
  type Json,
  spec as bundledSpec,
  validatorAt,
} from "../support/bundled-spec.js";

export { describeErrors } from "../support/bundled-spec.js";

const spec = bundledSpec as Json;

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
  const operation = spec["paths"]?.[path]?.[method.toLowerCase()] as Json | undefined;
  if (!operation) throw new Error(`the spec has no operation ${method.toUpperCase()} ${path}`);
  let pointer = `#/paths/${escapePointer(path)}/${method.toLowerCase()}/responses/${status}`;
  let response = operation["responses"]?.[String(status)] as Json | undefined;
  if (!response) throw new Error(`${method.toUpperCase()} ${path} documents no ${status} response`);
  if (typeof response["$ref"] === "string") {
    // Responses shared under components/responses.
    pointer = response["$ref"] as string;
    response = pointer
      .slice(2)
      .split("/")
      .reduce<Json | undefined>(
        (node, part) => node?.[part.replace(/~1/g, "/").replace(/~0/g, "~")],
        spec,
      );
  }
  if (!response?.["content"]?.[mediaType]?.["schema"]) {
    throw new Error(`${method.toUpperCase()} ${path} ${status} documents no ${mediaType} body`);
  }
  return validatorAt(`${pointer}/content/${escapePointer(mediaType)}/schema`);
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
  const responses = (spec["paths"]?.[path]?.[method.toLowerCase()]?.["responses"] ?? {}) as Record<
    string,
    Json
  >;
  const answers: DocumentedAnswer[] = [];
  for (const [status, raw] of Object.entries(responses)) {
    const ref = raw["$ref"] as string | undefined;
    const response = ref
      ? (spec["components"]["responses"][ref.split("/").pop() as string] as Json)
      : raw;
    const content = Object.entries((response["content"] ?? {}) as Record<string, Json>);
    if (content.length === 0)
      answers.push({ status: Number(status), mediaType: null, example: null });
    for (const [mediaType, media] of content) {
      const names = Object.keys((media["examples"] ?? {}) as Json);
      if (names.length === 0) answers.push({ status: Number(status), mediaType, example: null });
      for (const example of names) answers.push({ status: Number(status), mediaType, example });
    }
  }
  return answers;
}

/** `documentedAnswers` as `it.each` rows: [label, answer]. */
export function documentedAnswerCases(
  path: string,
  method: string,
): Array<[string, DocumentedAnswer]> {
  return documentedAnswers(path, method).map((a) => [
    `${a.status} ${a.mediaType ?? "(no body)"}${a.example ? ` "${a.example}"` : ""}`,
    a,
  ]);
}
