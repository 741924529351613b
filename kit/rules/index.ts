// The rules the kit checks on top of Prism. Prism validates each request against the spec's
// JSON Schemas; these catch what a schema cannot say (a misspelt parameter, a day that does not
// exist, credentials read from an unset variable...). Each rule reads the spec it is given, so
// a new operation, parameter or body shape is covered without touching this folder.
// kit/rules/README.md lists each rule with its severity and the evidence behind it.
import { acceptHeaderFor, acceptJsonForHal } from "./accept-json-for-hal.js";
import { blankBasicCredentials } from "./blank-basic-credentials.js";
import { blankName } from "./blank-name.js";
import { calendarTimestamp } from "./calendar-timestamp.js";
import { dotPathSegment } from "./dot-path-segment.js";
import { emptyQueryValue } from "./empty-query-value.js";
import { indexSpec, pathSegments } from "./spec-index.js";
import type { CheckedRequest, Finding, RequestToCheck, Rule } from "./types.js";
import { unfilledPathPlaceholder } from "./unfilled-path-placeholder.js";
import { unknownQueryParameter } from "./unknown-query-parameter.js";

export type { Finding, HeadersLike, RequestToCheck, Rule, Severity } from "./types.js";

/** Every rule, in the order their findings are listed. */
export const rules: readonly Rule[] = [
  unfilledPathPlaceholder,
  dotPathSegment,
  unknownQueryParameter,
  emptyQueryValue,
  calendarTimestamp,
  blankBasicCredentials,
  blankName,
  acceptJsonForHal,
];

/** Takes the request apart once: path and query split, headers readable by any case. */
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
  return {
    method: request.method.toUpperCase(),
    path,
    segments: pathSegments(path),
    query: [...params],
    header,
    body: request.body,
  };
}

/**
 * What the kit's own rules find wrong with one request, given the parsed spec Prism serves.
 * Pure: the same request and spec always give the same findings, and nothing is sent anywhere.
 */
export function checkRequest(request: RequestToCheck, spec: unknown): Finding[] {
  const index = indexSpec(spec);
  const checked = toCheckedRequest(request);
  const context = {
    request: checked,
    spec: index,
    operation: index.match(checked.method, checked.segments),
  };
  return rules.flatMap((rule) =>
    rule.check(context).map((finding) => ({ rule: rule.id, severity: rule.severity, ...finding })),
  );
}

/**
 * The Accept header to send to Prism in place of the client's, or undefined to send it as is.
 * Set where `accept-json-for-hal` only warns, so Prism answers instead of refusing with 406.
 */
export function acceptForPrism(request: RequestToCheck, spec: unknown): string | undefined {
  const index = indexSpec(spec);
  const checked = toCheckedRequest(request);
  return acceptHeaderFor(index.match(checked.method, checked.segments), checked.header("accept"));
}
