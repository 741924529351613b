// What the simulator refuses with 400 before any handler runs, as the mock (Prism) would: a path
// parameter, query parameter or body that breaks the operation's schema in the spec. The values
// come back parsed (integers as numbers, the body as JSON) for the handlers. The kit's own rules
// (kit/rules) run beside this on every request; these are the checks the kit leaves to Prism.
import type { OperationInfo, SpecIndex, SpecObject } from "../rules/spec-index.js";
import { isObject } from "../rules/spec-index.js";
import { decodeSegment } from "../rules/path-segments.js";
import { type SchemaProblem, schemaProblems } from "./json-schema.js";

export interface CheckedInput {
  path: Record<string, string>;
  query: Record<string, string | number>;
  /** The parsed JSON body, or undefined when none was sent. */
  body: unknown;
  problems: SchemaProblem[];
}

interface ParameterObject {
  name: string;
  in: string;
  required: boolean;
  schema: SpecObject;
}

const parameterCache = new WeakMap<OperationInfo, ParameterObject[]>();

/** The operation's parameters with their schemas, the parameter's own examples folded in. */
function parametersOf(
  document: SpecObject,
  spec: SpecIndex,
  operation: OperationInfo,
): ParameterObject[] {
  const known = parameterCache.get(operation);
  if (known) return known;
  const item = spec.resolve(spec.resolve(document["paths"])?.[operation.template]) ?? {};
  const op = spec.resolve(item[operation.method.toLowerCase()]) ?? {};
  const byKey = new Map<string, ParameterObject>();
  for (const list of [item["parameters"], op["parameters"]]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const p = spec.resolve(raw);
      if (!p || typeof p["name"] !== "string" || typeof p["in"] !== "string") continue;
      const schema = spec.resolve(p["schema"]) ?? {};
      const examples = isObject(p["examples"])
        ? Object.values(p["examples"]).map((e) => spec.resolve(e)?.["value"])
        : p["example"] !== undefined
          ? [p["example"]]
          : [];
      byKey.set(`${p["in"]}:${p["name"]}`, {
        name: p["name"],
        in: p["in"],
        required: p["required"] === true,
        schema:
          schema["examples"] === undefined && examples.length > 0
            ? { ...schema, examples }
            : schema,
      });
    }
  }
  const parameters = [...byKey.values()];
  parameterCache.set(operation, parameters);
  return parameters;
}

/** Reads a query value as its schema's type: a whole number for `integer`, else the text. */
function coerce(text: string, schema: SpecObject): string | number {
  const type = schema["type"];
  if ((type === "integer" || type === "number") && /^-?\d+(\.\d+)?$/.test(text.trim()))
    return Number(text);
  return text;
}

export function checkInput(
  document: SpecObject,
  spec: SpecIndex,
  operation: OperationInfo,
  request: {
    segments: readonly string[];
    query: ReadonlyArray<readonly [string, string]>;
    contentType: string | undefined;
    body: string | undefined;
  },
): CheckedInput {
  const problems: SchemaProblem[] = [];
  const path: Record<string, string> = {};
  const query: Record<string, string | number> = {};
  for (const parameter of parametersOf(document, spec, operation)) {
    if (parameter.in === "path") {
      const i = operation.segments.indexOf(`{${parameter.name}}`);
      const value = decodeSegment(request.segments[i] ?? "");
      path[parameter.name] = value;
      problems.push(
        ...schemaProblems(value, parameter.schema, spec, `request.path.${parameter.name}`),
      );
    } else if (parameter.in === "query") {
      const values = request.query.filter(([name]) => name === parameter.name).map(([, v]) => v);
      const location = `request.query.${parameter.name}`;
      // An empty value is read as absent, as Prism and the kit's `empty-query-value` rule do.
      const sent = values.filter((v) => v !== "");
      if (sent.length > 1) {
        problems.push({
          location,
          keyword: "repeated",
          message: `${location} is sent ${sent.length} times; send it once`,
        });
        continue;
      }
      const [text] = sent;
      if (text === undefined) {
        if (parameter.required)
          problems.push({ location, keyword: "required", message: `${location} is required` });
        continue;
      }
      const value = coerce(text, parameter.schema);
      const found = schemaProblems(value, parameter.schema, spec, location);
      problems.push(...found);
      if (found.length === 0) query[parameter.name] = value;
    }
  }

  let body: unknown;
  const mediaType = request.contentType?.split(";")[0]?.trim().toLowerCase();
  const bodies = operation.requestBodies;
  if (bodies.size > 0 && request.body !== undefined && request.body.trim() !== "") {
    const schema =
      (mediaType && bodies.get(mediaType)) ||
      (mediaType === undefined ? bodies.values().next().value : undefined);
    if (!schema) {
      problems.push({
        location: "request.header.content-type",
        keyword: "content-type",
        message: `Content-Type \`${request.contentType ?? ""}\` is not one the operation takes; send ${[...bodies.keys()].map((t) => `\`${t}\``).join(" or ")}`,
      });
    } else {
      try {
        body = JSON.parse(request.body);
        problems.push(...schemaProblems(body, schema, spec, "request.body"));
      } catch (error) {
        problems.push({
          location: "request.body",
          keyword: "json",
          message: `request.body is not JSON (${(error as Error).message}); send a JSON document`,
        });
      }
    }
  } else if (bodies.size > 0 && requestBodyRequired(document, spec, operation)) {
    problems.push({
      location: "request.body",
      keyword: "required",
      message: "request.body is required; send a JSON document",
    });
  }
  return { path, query, body, problems };
}

function requestBodyRequired(
  document: SpecObject,
  spec: SpecIndex,
  operation: OperationInfo,
): boolean {
  const item = spec.resolve(spec.resolve(document["paths"])?.[operation.template]) ?? {};
  const op = spec.resolve(item[operation.method.toLowerCase()]) ?? {};
  return spec.resolve(op["requestBody"])?.["required"] === true;
}
