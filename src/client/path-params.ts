import { defaultPathSerializer, type Middleware, type PathSerializer } from "openapi-fetch";

const PLACEHOLDER = /\{([^{}]+)\}/g;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Refuses a path parameter that would not stay one segment of the URL: anything but a string
 * (a missing value would leave the placeholder in the path; objects and arrays serialise into
 * `a,b` or `key,value`), an empty string, `.` or `..` (the URL parser removes dot segments,
 * so the request would go to another path, even outside the API root), and a lone surrogate,
 * which cannot be percent-encoded. Each message names the parameter, never its value.
 */
export function checkPathParams(template: string, params: unknown): void {
  const record = (params ?? {}) as Record<string, unknown>;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1] as string;
    const value = record[name];
    if (typeof value !== "string") {
      const type =
        value === undefined
          ? "missing"
          : value === null
            ? "null"
            : `of type ${Array.isArray(value) ? "array" : typeof value}`;
      throw new TypeError(`Path parameter ${name} is ${type}; expected a non-empty string`);
    }
    if (value === "" || value === "." || value === "..") {
      throw new RangeError(
        `Path parameter ${name} is ${value === "" ? "empty" : `"${value}"`}; expected a non-empty string other than "." and ".."`,
      );
    }
    if (LONE_SURROGATE.test(value)) {
      throw new RangeError(
        `Path parameter ${name} contains a lone surrogate, which cannot be percent-encoded; expected well-formed Unicode`,
      );
    }
  }
}

/**
 * openapi-fetch's own path serializer behind the check, so a bad value is refused before the
 * Request is built (a lone surrogate would otherwise surface as encodeURIComponent's URIError).
 * openapi-fetch hands it the base URL and the template together; the base URL has no
 * placeholders.
 */
export const checkedPathSerializer: PathSerializer = (pathname, pathParams) => {
  checkPathParams(pathname, pathParams);
  return defaultPathSerializer(pathname, pathParams);
};

/**
 * openapi-fetch skips the path serializer for a call without a `path` object, which would send
 * the placeholders as they are; this runs first of the middleware and stops such a call before
 * anything else runs or anything is sent.
 */
export const checkPathGiven: NonNullable<Middleware["onRequest"]> = ({ schemaPath, params }) => {
  if (params.path === undefined) checkPathParams(schemaPath, undefined);
  return undefined;
};
