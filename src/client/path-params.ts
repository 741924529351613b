import type { Middleware, PathSerializer } from "openapi-fetch";

const PLACEHOLDER = /\{([^{}]+)\}/g;

/**
 * Fills a path template, refusing a parameter that would not stay one segment of the URL:
 * anything but a string (a missing value would leave the placeholder in the path; objects and
 * arrays serialise into `a,b` or `key,value`), an empty string, `.` or `..` (the URL parser
 * removes dot segments, so the request would go to another path, even outside the API root),
 * and a lone surrogate, which cannot be percent-encoded. Each message names the parameter, never
 * its value. Mode's paths use only the simple style, `{name}`, percent-encoded whole.
 */
export const serializePath: PathSerializer = (pathname, params) =>
  pathname.replace(PLACEHOLDER, (_, name: string) => {
    const value = (params as Record<string, unknown> | undefined)?.[name];
    if (typeof value !== "string") {
      const type =
        value === undefined
          ? "missing"
          : value === null
            ? "null"
            : `of type ${Array.isArray(value) ? "array" : typeof value}`;
      throw new TypeError(`Path parameter ${name} is ${type}; expected a non-empty string`);
    }
    if (value === "" || value === "." || value === "..")
      throw new RangeError(
        `Path parameter ${name} is ${value === "" ? "empty" : `"${value}"`}; expected a non-empty string other than "." and ".."`,
      );
    try {
      return encodeURIComponent(value);
    } catch {
      throw new RangeError(
        `Path parameter ${name} contains a lone surrogate, which cannot be percent-encoded; expected well-formed Unicode`,
      );
    }
  });

/**
 * openapi-fetch skips the path serializer for a call without a `path` object, which would send
 * the placeholders as they are; this runs first of the middleware and stops such a call before
 * anything else runs or anything is sent.
 */
export const checkPathGiven: NonNullable<Middleware["onRequest"]> = ({ schemaPath, params }) => {
  if (params.path === undefined) serializePath(schemaPath, {});
  return undefined;
};
