// Judges one answer of the simulator against the bundled spec, with Ajv on our side: its status
// is documented for the operation, its body is valid against that status's schema for its media
// type, and each documented header it sends is valid. Returns what is wrong, empty when nothing.
import { indexSpec, pathSegments } from "../../../kit/rules/spec-index.js";
import {
  describeErrors,
  escapePointer,
  type Json,
  spec,
  validatorAt,
} from "../../support/bundled-spec.js";
import { documentedStatuses, responseValidator } from "../../contract/validate-response.js";

const index = indexSpec(spec);

/** The documented response object for `status`, and its JSON pointer. */
function documentedResponse(
  template: string,
  method: string,
  status: number,
): { pointer: string; response: Json } | undefined {
  let pointer = `#/paths/${escapePointer(template)}/${method.toLowerCase()}/responses/${status}`;
  let response: Json = spec.paths[template]?.[method.toLowerCase()]?.responses?.[String(status)];
  if (!response) return undefined;
  if (typeof response.$ref === "string") {
    pointer = response.$ref;
    response = spec.components.responses[pointer.split("/").pop() as string];
  }
  return { pointer, response };
}

export interface Answer {
  method: string;
  /** The request URL; `/api` before the account is allowed. */
  url: string;
  status: number;
  headers: Headers;
  body: string;
}

/** The operation the simulator served for `method url`, or undefined. */
export function operationFor(
  method: string,
  url: string,
): { id: string; template: string } | undefined {
  const path = new URL(url).pathname.replace(/^\/api(?=\/)/, "");
  const op = index.match(method, pathSegments(path));
  return op ? { id: op.id, template: op.template } : undefined;
}

export function answerProblems(answer: Answer): string[] {
  const op = operationFor(answer.method, answer.url);
  if (!op) return [`${answer.method} ${answer.url}: no operation of the spec`];
  const where = `${op.id} ${answer.status}`;
  if (!documentedStatuses(op.template, answer.method).includes(String(answer.status))) {
    return [`${where}: status not documented for ${op.id}`];
  }
  const problems: string[] = [];
  const documented = documentedResponse(op.template, answer.method, answer.status);
  const mediaType = answer.headers.get("content-type")?.split(";")[0]?.trim();
  const content = documented?.response.content as Record<string, Json> | undefined;
  if (answer.body === "") {
    if (content && Object.keys(content).length > 0)
      problems.push(`${where}: empty body where one is documented`);
  } else if (!mediaType || !content?.[mediaType]) {
    problems.push(
      `${where}: media type ${mediaType} not documented (${Object.keys(content ?? {}).join(", ")})`,
    );
  } else if (content[mediaType]?.schema !== undefined) {
    // JSON bodies are parsed and checked; any other text (CSV) as the string it is. A media type
    // documented without a schema (a ZIP archive) has nothing more to check.
    let body: unknown = answer.body;
    if (/[/+]json$/.test(mediaType)) {
      try {
        body = JSON.parse(answer.body);
      } catch {
        problems.push(`${where}: body is not JSON`);
        body = undefined;
      }
    }
    const validate = responseValidator(op.template, answer.method, answer.status, mediaType);
    if (body !== undefined && !validate(body))
      problems.push(`${where}: ${describeErrors(validate.errors)}`);
  }
  for (const [name, raw] of Object.entries(
    (documented?.response.headers ?? {}) as Record<string, Json>,
  )) {
    const value = answer.headers.get(name);
    if (value === null) continue;
    const headerPointer =
      typeof raw.$ref === "string"
        ? `${raw.$ref}/schema`
        : `${documented?.pointer}/headers/${escapePointer(name)}/schema`;
    const validate = validatorAt(headerPointer);
    const schemaType = (
      typeof raw.$ref === "string" ? spec.components.headers[raw.$ref.split("/").pop()] : raw
    ).schema?.type;
    const parsed = schemaType === "integer" ? Number(value) : value;
    if (!validate(parsed))
      problems.push(`${where}: header ${name} ${value}: ${describeErrors(validate.errors)}`);
  }
  return problems;
}
