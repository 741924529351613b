// Prism explains a value outside its parameter's pattern by quoting the regular expression
// (`must match pattern "^(created_at|updated_at)\.(gt|lt)\.…$"`): what the spec's author typed,
// not what to send. `explainViolation` says it in words, from the spec: which part of the value
// is wrong, what each part may be, and an example, so a reader can fix the request without
// reading a regular expression. Only `pattern` violations of a declared parameter change.
import { toCheckedRequest } from "./checked-request.js";
import { decodeSegment } from "./path-segments.js";
import { indexSpec, isTemplateParameter, type ParameterInfo } from "./spec-index.js";
import type { RequestToCheck } from "./types.js";

/** A violation as Prism reports it (and as the recorder keeps it). */
export interface ViolationLike {
  location: string;
  code: string;
  message: string;
}

const compile = (pattern: string): RegExp | undefined => {
  try {
    return new RegExp(pattern, "u");
  } catch {
    return undefined;
  }
};

const quote = (value: string): string =>
  `\`${value.length > 60 ? `${value.slice(0, 59)}…` : value}\``;

const list = (items: readonly string[], conjunction: "and" | "or"): string =>
  items.length <= 1
    ? (items[0] ?? "")
    : `${items.slice(0, -1).join(", ")} ${conjunction} ${items[items.length - 1]}`;

/** `{field}.{operator}.{timestamp}` in the description: the value's parts and what joins them. */
function templateOf(description: string): { names: string[]; separator: string } | undefined {
  for (const [, text = ""] of description.matchAll(/`([^`]+)`/g)) {
    const match = /^\{\w+\}([^\w{}\s])\{\w+\}(?:\1\{\w+\})*$/.exec(text);
    if (match?.[1]) {
      return {
        names: [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ""),
        separator: match[1],
      };
    }
  }
  return undefined;
}

/** `a.b.c.d` in 3 parts: `a`, `b`, `c.d` (the last part keeps what is left, such as milliseconds). */
function splitParts(value: string, separator: string, count: number): string[] {
  const pieces = value.split(separator);
  if (pieces.length < count) return pieces;
  return [...pieces.slice(0, count - 1), pieces.slice(count - 1).join(separator)];
}

/**
 * What each part of a pattern such as `^(created_at|updated_at)\.(gt|lt)\.…$` allows, where a
 * part is a plain list of words; undefined for a part that is not (a timestamp).
 */
function alternativesOf(
  pattern: string,
  separator: string,
  count: number,
): Array<string[] | undefined> {
  const body = pattern.replace(/^\^/, "").replace(/\$$/, "");
  const escaped = `\\${separator}`;
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "\\") {
      if (depth === 0 && body.startsWith(escaped, i)) {
        parts.push(body.slice(start, i));
        start = i + escaped.length;
      }
      i += 1;
    } else if (c === "(" || c === "[") depth += 1;
    else if (c === ")" || c === "]") depth -= 1;
  }
  parts.push(body.slice(start));
  if (parts.length !== count) return Array.from({ length: count }, () => undefined);
  return parts.map((part) => {
    const words = /^\((?:\?:)?([\w-]+(?:\|[\w-]+)*)\)$/.exec(part)?.[1];
    return words?.split("|");
  });
}

function structuredMessage(
  parameter: ParameterInfo,
  value: string,
  pattern: RegExp,
  example: string,
  template: { names: string[]; separator: string },
  source: string,
): string {
  const { names, separator } = template;
  const written = names.map((n) => `{${n}}`).join(separator);
  const exampleParts = splitParts(example, separator, names.length);
  const valueParts = splitParts(value, separator, names.length);
  const allowed = alternativesOf(source, separator, names.length);
  const rule = names
    .map((name, i) => {
      const words = allowed[i];
      return words
        ? `${name} ${list(
            words.map((w) => `\`${w}\``),
            "or",
          )}`
        : `${name} like \`${exampleParts[i] ?? ""}\``;
    })
    .join(", ");
  let wrong: string;
  if (valueParts.length < names.length) {
    wrong = `it is not written \`${written}\``;
  } else {
    const bad = names.filter((_, i) => {
      const candidate = exampleParts.map((part, k) => (k === i ? valueParts[i] : part));
      return !pattern.test(candidate.join(separator));
    });
    const named = bad.map((name) => `${name} ${quote(valueParts[names.indexOf(name)] ?? "")}`);
    wrong =
      named.length === 0
        ? "its parts do not go together"
        : `its ${list(named, "and")} ${named.length === 1 ? "is not one" : "are not ones"} it takes`;
  }
  return `\`${parameter.name}\` is ${quote(value)}: ${wrong}. Write \`${written}\` with ${rule}; for example \`${example}\`.`;
}

/** `[^/?#\s]+` → "`/`, `?`, `#` or whitespace": the characters a negated class forbids. */
function forbiddenCharacters(source: string): string | undefined {
  const inner = /^\^\[\^([^\]]+)\][+*]\$$/.exec(source)?.[1];
  if (!inner) return undefined;
  const names: string[] = [];
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === "\\") {
      const next = inner[i + 1] ?? "";
      names.push(next === "s" ? "whitespace" : `\`${next}\``);
      i += 1;
    } else names.push(`\`${inner[i]}\``);
  }
  return list(names, "or");
}

/** A parameter's pattern, in words, for a value that does not match it. */
export function patternInWords(parameter: ParameterInfo, value: string): string {
  const source = parameter.schema["pattern"];
  const pattern = typeof source === "string" ? compile(source) : undefined;
  const example = parameter.examples.find((e) => pattern?.test(e) ?? true);
  const description = parameter.description ?? "";
  const template = templateOf(description);
  if (pattern && typeof source === "string" && example && template) {
    return structuredMessage(parameter, value, pattern, example, template, source);
  }
  const forbidden = typeof source === "string" ? forbiddenCharacters(source) : undefined;
  const what = forbidden
    ? `it must not be empty or contain ${forbidden}`
    : "which is not a value it takes";
  const words = description ? ` ${description.trim().replace(/([^.])$/, "$1.")}` : "";
  const sample = example ? ` For example \`${example}\`.` : "";
  return `\`${parameter.name}\` is ${quote(value)}: ${what}.${words}${sample}`;
}

/** The value the request sent for a parameter, as Prism read it. */
function sentValue(
  parameter: ParameterInfo,
  request: ReturnType<typeof toCheckedRequest>,
  templateSegments: readonly string[],
): string | undefined {
  if (parameter.in === "query") {
    const values = request.query.filter(([name]) => name === parameter.name).map(([, v]) => v);
    const source = parameter.schema["pattern"];
    const pattern = typeof source === "string" ? compile(source) : undefined;
    return values.find((v) => pattern && !pattern.test(v)) ?? values[0];
  }
  if (parameter.in === "header") return request.header(parameter.name);
  if (parameter.in === "path") {
    const i = templateSegments.findIndex(
      (s) => isTemplateParameter(s) && s.slice(1, -1) === parameter.name,
    );
    const raw = request.segments[i];
    return raw === undefined ? undefined : decodeSegment(raw);
  }
  return undefined;
}

/**
 * The violation with its message in words where Prism quoted a regular expression (a `pattern`
 * violation of a declared query, path or header parameter); any other violation as it is.
 */
export function explainViolation<V extends ViolationLike>(
  violation: V,
  request: RequestToCheck,
  spec: unknown,
): V {
  if (violation.code !== "pattern") return violation;
  const [side, where, ...rest] = violation.location.split(".");
  if (side !== "request" || !where || rest.length === 0) return violation;
  const index = indexSpec(spec);
  const checked = toCheckedRequest(request);
  const operation = index.match(checked.method, checked.segments);
  const name = rest.join(".");
  const parameter = operation?.parameters.get(
    `${where}.${where === "header" ? name.toLowerCase() : name}`,
  );
  if (!operation || !parameter) return violation;
  const value = sentValue(parameter, checked, operation.segments);
  if (value === undefined) return violation;
  return { ...violation, message: patternInWords(parameter, value) };
}
