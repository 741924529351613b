// A name that is only spaces, in a request body: `{"report": {"name": "   "}}`. The spec's
// `minLength: 1` refuses the empty string (Prism reports that), but spaces pass it, and Mode would
// store a Dataset nobody can find by name. Which fields are names comes from the request body's
// schema: string properties called `name` or ending in `_name`, found through `$ref`, `allOf`,
// `oneOf`, `anyOf`, nested objects and arrays, so a new operation or body shape needs no change.
import type { SpecIndex, SpecObject } from "./spec-index.js";
import { isObject } from "./spec-index.js";
import type { Rule } from "./types.js";

const NAME_KEY = /(^|_)name$/;

const allowsString = (schema: SpecObject): boolean => {
  const type = schema["type"];
  return (
    type === undefined || type === "string" || (Array.isArray(type) && type.includes("string"))
  );
};

function blankNames(
  value: unknown,
  rawSchema: unknown,
  spec: SpecIndex,
  location: string,
  out: Map<string, string>,
  depth = 0,
): void {
  const schema = spec.resolve(rawSchema);
  // Deeper than any body of this API: a recursive schema, walked no further.
  if (!schema || depth > 32) return;
  for (const keyword of ["allOf", "oneOf", "anyOf"]) {
    const branches = schema[keyword];
    if (Array.isArray(branches)) {
      for (const branch of branches) blankNames(value, branch, spec, location, out, depth + 1);
    }
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      blankNames(item, schema["items"], spec, `${location}.${i}`, out, depth + 1);
    });
    return;
  }
  if (!isObject(value)) return;
  const properties = spec.resolve(schema["properties"]) ?? {};
  for (const [key, child] of Object.entries(value)) {
    const childSchema = spec.resolve(properties[key]);
    if (!childSchema) continue;
    const at = `${location}.${key}`;
    if (NAME_KEY.test(key) && typeof child === "string" && allowsString(childSchema)) {
      const minLength = childSchema["minLength"];
      // The empty string under `minLength` is already Prism's finding.
      const prismRefuses = child === "" && typeof minLength === "number" && minLength > 0;
      if (child.trim() === "" && !prismRefuses) {
        out.set(
          at,
          `\`${key}\` is blank (${JSON.stringify(child)}): send a name with a visible character.`,
        );
      }
    }
    blankNames(child, childSchema, spec, at, out, depth + 1);
  }
}

/** The body schema for the request's Content-Type, or the only one the operation has. */
function bodySchema(bodies: ReadonlyMap<string, SpecObject>, contentType: string | undefined) {
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase();
  if (mediaType && bodies.has(mediaType)) return { mediaType, schema: bodies.get(mediaType) };
  const [only] = bodies.entries();
  return bodies.size === 1 && only && !mediaType ? { mediaType: only[0], schema: only[1] } : {};
}

export const blankName: Rule = {
  id: "blank-name",
  severity: "error",
  summary: "a name field in the request body that is only whitespace",
  check: ({ request, operation, spec }) => {
    if (!operation || !request.body) return [];
    const { mediaType, schema } = bodySchema(
      operation.requestBodies,
      request.header("content-type"),
    );
    if (!schema || !mediaType || !/[/+]json$/.test(mediaType)) return [];
    let value: unknown;
    try {
      value = JSON.parse(request.body);
    } catch {
      // Not JSON at all: Prism says so.
      return [];
    }
    const out = new Map<string, string>();
    blankNames(value, schema, spec, "request.body", out);
    return [...out].map(([location, message]) => ({ location, message }));
  },
};
