// `Accept: application/json` on an operation that documents only `application/hal+json`
// answers. HAL is JSON, Mode's reference shows clients sending `application/hal+json`, and
// nothing shows the live API refusing plain JSON: so this departs from documented practice
// without breaking the contract, a warning. Prism, strict about media types, would answer 406;
// `acceptForPrism` gives the Accept header the kit forwards instead, so the run goes on.
import type { OperationInfo } from "./spec-index.js";
import type { Rule } from "./types.js";

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

/** An Accept header's media ranges; an unreadable `q` counts as 1, as most servers read it. */
export function parseAccept(header: string): MediaRange[] {
  return header.split(",").flatMap((part) => {
    const [range = "", ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    const [type, subtype] = range.split("/");
    if (!type || !subtype) return [];
    const qParam = params.find((p) => p.startsWith("q="));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    return [{ type, subtype, q: Number.isFinite(q) ? q : 1 }];
  });
}

/** The quality the most specific matching range gives `mediaType`; 0 when none matches. */
export function acceptQuality(mediaType: string, ranges: readonly MediaRange[]): number {
  const [type, subtype] = (mediaType.split(";")[0] ?? "").trim().toLowerCase().split("/");
  let best: { specificity: number; q: number } | undefined;
  for (const r of ranges) {
    const specificity =
      r.type === type && r.subtype === subtype
        ? 2
        : r.type === type && r.subtype === "*"
          ? 1
          : r.type === "*" && r.subtype === "*"
            ? 0
            : -1;
    if (specificity >= 0 && (!best || specificity > best.specificity))
      best = { specificity, q: r.q };
  }
  return best?.q ?? 0;
}

/** `application/hal+json` → `application/json`: the plain type a `+json` suffix type is. */
const plainJson = (mediaType: string): string | undefined => {
  const match = /^([^/]+)\/[^/;]+\+json$/.exec(mediaType.split(";")[0]?.trim() ?? "");
  return match ? `${match[1]}/json` : undefined;
};

/** The success media types `accept` rules out only because it asks for their plain JSON form. */
function jsonInsteadOf(operation: OperationInfo, accept: string | undefined): string[] {
  if (accept === undefined || operation.successMediaTypes.length === 0) return [];
  const ranges = parseAccept(accept);
  if (ranges.length === 0) return [];
  if (operation.successMediaTypes.some((t) => acceptQuality(t, ranges) > 0)) return [];
  return operation.successMediaTypes.filter((t) => {
    const plain = plainJson(t);
    return plain !== undefined && acceptQuality(plain, ranges) > 0;
  });
}

export const acceptJsonForHal: Rule = {
  id: "accept-json-for-hal",
  severity: "warning",
  summary: "Accept asks for plain JSON where the operation documents a `+json` type such as HAL",
  check: ({ request, operation }) => {
    if (!operation) return [];
    const accept = request.header("accept");
    const documented = jsonInsteadOf(operation, accept);
    if (documented.length === 0) return [];
    return [
      {
        location: "request.header.accept",
        message: `Accept \`${accept}\` leaves out ${documented.map((t) => `\`${t}\``).join(", ")}, the type ${operation.id} answers with; HAL is JSON and Mode is not known to refuse this, but send \`Accept: ${documented[0]}\` as Mode's reference does.`,
      },
    ];
  },
};

/**
 * The Accept header to forward to Prism so that it answers where this rule only warns: the
 * client's own header with the documented types appended. Undefined when nothing needs changing.
 */
export function acceptHeaderFor(
  operation: OperationInfo | undefined,
  accept: string | undefined,
): string | undefined {
  if (!operation) return undefined;
  if (operation.acceptIgnored) return acceptForIgnoring(operation);
  const documented = jsonInsteadOf(operation, accept);
  return documented.length > 0 ? `${accept}, ${documented.join(", ")}` : undefined;
}

/**
 * What Prism gets on an operation whose server ignores `Accept` (result content): its documented
 * types, so that a client asking for `application/hal+json` there is answered as Mode answers it
 * instead of refused with 406, and `application/json` for the error answers. A body without a
 * schema (a ZIP) is left out: Prism has nothing to serialise it from and would answer 500.
 */
export function acceptForIgnoring(operation: OperationInfo): string {
  const servable = operation.successMediaTypes.filter((type) => type !== "application/zip");
  return [...new Set([...servable, "application/json"])].join(", ");
}
