// A request taken apart once, so every rule reads the same facts: the path and query split,
// headers readable by any case, the body as bytes and as text.
import { pathSegments } from "./spec-index.js";
import type { CheckedRequest, RequestToCheck } from "./types.js";

const utf8 = new TextDecoder();
const encoder = new TextEncoder();

export function toCheckedRequest(request: RequestToCheck): CheckedRequest {
  const queryAt = request.path.indexOf("?");
  const path = queryAt >= 0 ? request.path.slice(0, queryAt) : request.path;
  const query =
    request.query ?? (queryAt >= 0 ? request.path.slice(queryAt + 1) : new URLSearchParams());
  const params = typeof query === "string" ? new URLSearchParams(query) : query;
  const headers = request.headers;
  const header = (name: string): string | undefined => {
    if (!headers) return undefined;
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const wanted = name.toLowerCase();
    const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === wanted)?.[1];
    return typeof entry === "string" ? entry : entry?.join(", ");
  };
  const { body, bodyBytes } = request;
  return {
    method: request.method.toUpperCase(),
    path,
    segments: pathSegments(path),
    query: [...params],
    header,
    body: body ?? (bodyBytes ? utf8.decode(bodyBytes) : undefined),
    bodyBytes: bodyBytes ?? (body !== undefined ? encoder.encode(body) : undefined),
  };
}
