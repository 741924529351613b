// A query parameter the operation does not declare. Mode ignores parameters it does not know, so
// `?orderby=created_at` gets an answer, just not a sorted one: the client's bug goes unnoticed
// until someone reads the data. Prism lets them through because OpenAPI allows extra parameters.
// A paging parameter on a listing that ignores paging is `ignored-paging-parameter`'s, a warning.
import { isIgnoredPagingParameter } from "./ignored-paging-parameter.js";
import type { Rule } from "./types.js";

const loose = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, "");

/** The declared name a misspelling most likely meant: same letters up to case and separators. */
function closest(name: string, declared: readonly string[]): string | undefined {
  return declared.find((d) => loose(d) === loose(name));
}

export const unknownQueryParameter: Rule = {
  id: "unknown-query-parameter",
  severity: "error",
  summary: "a query parameter the operation does not declare",
  check: ({ request, operation, spec }) => {
    if (!operation) return [];
    const declared = [...operation.query.keys()];
    const seen = new Set<string>();
    return request.query.flatMap(([name]) => {
      if (operation.query.has(name) || seen.has(name)) return [];
      if (isIgnoredPagingParameter(name, operation, spec)) return [];
      seen.add(name);
      const meant = closest(name, declared);
      const accepts =
        declared.length > 0
          ? `it accepts ${declared.map((d) => `\`${d}\``).join(", ")}`
          : "it accepts no query parameters";
      return [
        {
          location: `request.query.${name}`,
          message:
            `\`${name}\` is not a query parameter of ${operation.id}` +
            (meant ? `; did you mean \`${meant}\`?` : `: ${accepts}.`) +
            " Mode ignores unknown parameters, so the answer silently leaves it out.",
        },
      ];
    });
  },
};
