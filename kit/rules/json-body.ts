// A body that is not JSON, or not UTF-8, sent to an operation that takes JSON. Prism answers a
// body it cannot parse with a plain-text 400 and no violation, so without this rule the run
// would pass; the live API refuses such a body, or worse, reads something else from it. JSON
// over HTTP is UTF-8 (RFC 8259, section 8.1), without a byte order mark. The finding names the
// byte where the body goes wrong and never quotes the body, which may hold a secret.
//
// Read from the bytes (`bodyBytes`): text decoded from them has already replaced bad bytes.
// A body of another media type, or none at all, is Prism's to judge.
import { jsonSyntaxError } from "./json-syntax.js";
import type { OperationInfo } from "./spec-index.js";
import type { Rule } from "./types.js";
import { decodeUtf8 } from "./utf8.js";

const isJsonMediaType = (mediaType: string): boolean =>
  /^[^/;\s]+\/(?:[^/;\s]+\+)?json$/i.test(mediaType.split(";")[0]?.trim() ?? "");

/** True when the operation documents a JSON request body. */
export const takesJson = (operation: OperationInfo): boolean =>
  [...operation.requestBodies.keys()].some(isJsonMediaType);

const encoder = new TextEncoder();

/** `byte 14 (line 2, column 5)`: where index `at` of `text` is, counted the ways editors count. */
function place(text: string, at: number): string {
  const before = text.slice(0, at);
  const line = before.split("\n").length;
  const column = at - before.lastIndexOf("\n");
  return `byte ${encoder.encode(before).length} (line ${line}, column ${column})`;
}

/** What is wrong with a JSON body, in words; undefined when it is UTF-8 JSON. */
export function jsonBodyProblem(bytes: Uint8Array): string | undefined {
  const decoded = decodeUtf8(bytes);
  if ("invalidAt" in decoded) {
    const byte = bytes[decoded.invalidAt] ?? 0;
    return `The body is not UTF-8: byte ${decoded.invalidAt} (0x${byte.toString(16).padStart(2, "0")}) begins no UTF-8 character. JSON bodies must be UTF-8: encode the text as UTF-8 before sending`;
  }
  const { text } = decoded;
  if (text.startsWith("\uFEFF")) {
    return "The body starts with a byte order mark (EF BB BF), which JSON sent over HTTP must not have: send the JSON without it";
  }
  try {
    JSON.parse(text);
    return undefined;
  } catch {
    const error = jsonSyntaxError(text);
    const where = error ? `: at ${place(text, error.at)} JSON expects ${error.expected}` : "";
    return `The body is not valid JSON${where}. Send the JSON body the operation documents`;
  }
}

export const jsonBody: Rule = {
  id: "json-body",
  severity: "error",
  summary: "a body that is not valid JSON, or not UTF-8, where the operation takes JSON",
  check: ({ request, operation }) => {
    const bytes = request.bodyBytes;
    if (!operation || !bytes || bytes.length === 0 || !takesJson(operation)) return [];
    const contentType = request.header("content-type");
    if (contentType !== undefined && !isJsonMediaType(contentType)) return [];
    const problem = jsonBodyProblem(bytes);
    return problem ? [{ location: "request.body", message: `${problem}.` }] : [];
  },
};
