// Whether a request body an operation takes as JSON is JSON at all: UTF-8 text that parses.
// Prism answers an unreadable body with a plain-text 400 that carries no violation, which the
// report would have counted as a pass.
import type { OperationInfo } from "../rules/spec-index.js";

const utf8 = new TextDecoder("utf-8", { fatal: true });

const takesJson = (operation: OperationInfo): boolean =>
  [...operation.requestBodies.keys()].some((type) => /^application\/([^/]+\+)?json$/.test(type));

/** Why the body is not the JSON the operation takes, or undefined when it is (or none is taken). */
export function notJson(
  operation: OperationInfo | undefined,
  body: Buffer,
): "utf-8" | "json" | undefined {
  if (!operation || body.length === 0 || !takesJson(operation)) return undefined;
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return "utf-8";
  }
  try {
    JSON.parse(text);
    return undefined;
  } catch {
    return "json";
  }
}
