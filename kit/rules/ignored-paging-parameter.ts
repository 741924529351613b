// `page` or `per_page` on a listing that answers with every item at once and ignores them, such
// as `GET /{account}/data_sources?page=1`, which a generic pager (mode-sdk's) sends to every
// listing. The answer is the same whatever the value, so the client gets what it asked for on
// page 1, and a later page repeats it: a pager that stops when a page repeats the one before
// ends with every item once. It departs from the spec without changing what the client gets,
// so it is a warning. Everywhere else an undeclared parameter stays `unknown-query-parameter`.
//
// Which listings page comes from the spec: a listing (a GET answering with a list) that does not
// declare a paging parameter the spec's other listings declare ignores it.
import type { OperationInfo, SpecIndex } from "./spec-index.js";
import type { Rule } from "./types.js";

// The names Mode's paged listings take; a name counts only once some listing of the spec
// declares it, so a spec without paging has no paging parameters to ignore.
const PAGING_NAMES = ["page", "per_page"];

/** True when `name` is a paging parameter this listing ignores. */
export function isIgnoredPagingParameter(
  name: string,
  operation: OperationInfo,
  spec: SpecIndex,
): boolean {
  return (
    PAGING_NAMES.includes(name) &&
    operation.listing &&
    !operation.query.has(name) &&
    spec.operations.some((other) => other.listing && other.query.has(name))
  );
}

const consequence: Record<string, string> = {
  page: "every page is the whole list, so a later page repeats the first; leave `page` out here, or stop paging when a page repeats the one before",
  per_page:
    "the answer holds every item however many `per_page` asks for; leave it out here, and do not count on a page's size",
};

export const ignoredPagingParameter: Rule = {
  id: "ignored-paging-parameter",
  severity: "warning",
  summary: "`page` or `per_page` on a listing that answers with every item at once",
  check: ({ request, operation, spec }) => {
    if (!operation) return [];
    const seen = new Set<string>();
    return request.query.flatMap(([name]) => {
      if (seen.has(name) || !isIgnoredPagingParameter(name, operation, spec)) return [];
      seen.add(name);
      return [
        {
          location: `request.query.${name}`,
          message: `${operation.id} answers with every item at once and ignores \`${name}\`: ${consequence[name] ?? "leave it out"}.`,
        },
      ];
    });
  },
};
