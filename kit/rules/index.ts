// The rules the kit checks on top of Prism. Prism validates each request against the spec's
// JSON Schemas; these catch what a schema cannot say (a misspelt parameter, a day that does not
// exist, credentials read from an unset variable...). Each rule reads the spec it is given, so
// a new operation, parameter or body shape is covered without touching this folder.
// kit/rules/README.md lists each rule with its severity and the evidence behind it.
import { acceptHeaderFor, acceptJsonForHal } from "./accept-json-for-hal.js";
import { blankBasicCredentials } from "./blank-basic-credentials.js";
import { blankName } from "./blank-name.js";
import { calendarTimestamp } from "./calendar-timestamp.js";
import { toCheckedRequest } from "./checked-request.js";
import { dotPathSegment } from "./dot-path-segment.js";
import { emptyQueryValue } from "./empty-query-value.js";
import { ignoredPagingParameter } from "./ignored-paging-parameter.js";
import { jsonBody } from "./json-body.js";
import { indexSpec } from "./spec-index.js";
import { hasTrailingSlash, trailingSlash } from "./trailing-slash.js";
import type { Finding, RequestToCheck, Rule, RuleContext } from "./types.js";
import { unfilledPathPlaceholder } from "./unfilled-path-placeholder.js";
import { unknownQueryParameter } from "./unknown-query-parameter.js";

export { toCheckedRequest } from "./checked-request.js";
export { explainViolation, type ViolationLike } from "./explain-violation.js";
export type { Finding, HeadersLike, RequestToCheck, Rule, Severity } from "./types.js";

/** Every rule, in the order their findings are listed. */
export const rules: readonly Rule[] = [
  unfilledPathPlaceholder,
  dotPathSegment,
  trailingSlash,
  unknownQueryParameter,
  ignoredPagingParameter,
  emptyQueryValue,
  calendarTimestamp,
  blankBasicCredentials,
  jsonBody,
  blankName,
  acceptJsonForHal,
];

const findingsOf = (rule: Rule, context: RuleContext): Finding[] =>
  rule.check(context).map((finding) => ({
    rule: rule.id,
    severity: rule.severity,
    ...finding,
    ...(rule.refuse ? { refuse: true as const } : {}),
  }));

function contextOf(request: RequestToCheck, spec: unknown): RuleContext {
  const index = indexSpec(spec);
  const checked = toCheckedRequest(request);
  return {
    request: checked,
    spec: index,
    operation: index.match(checked.method, checked.segments),
  };
}

/**
 * What the kit's own rules find wrong with one request, given the parsed spec Prism serves.
 * Pure: the same request and spec always give the same findings, and nothing is sent anywhere.
 * A finding with `refuse` means the request must be answered without forwarding it.
 */
export function checkRequest(request: RequestToCheck, spec: unknown): Finding[] {
  const context = contextOf(request, spec);
  return rules.flatMap((rule) => findingsOf(rule, context));
}

/**
 * The path to forward for `method path` (query kept), and the `trailing-slash` warning when it
 * differs: `…/runs/` becomes `…/runs`, the listing, which Prism would otherwise read as
 * `…/runs/{run}` with an empty run. The finding is the one `checkRequest` gives for the same
 * request: record it once.
 */
export function canonicalPath(
  method: string,
  path: string,
  spec: unknown,
): { path: string; finding?: Finding } {
  const context = contextOf({ method, path }, spec);
  const [finding] = findingsOf(trailingSlash, context);
  if (!finding || !hasTrailingSlash(context.request.path)) return { path };
  const queryAt = path.indexOf("?");
  const query = queryAt >= 0 ? path.slice(queryAt) : "";
  return { path: `${context.request.path.slice(0, -1)}${query}`, finding };
}

/**
 * The Accept header to send to Prism in place of the client's, or undefined to send it as is.
 * Set where `accept-json-for-hal` only warns, so Prism answers instead of refusing with 406.
 */
export function acceptForPrism(request: RequestToCheck, spec: unknown): string | undefined {
  const { operation, request: checked } = contextOf(request, spec);
  return acceptHeaderFor(operation, checked.header("accept"));
}
