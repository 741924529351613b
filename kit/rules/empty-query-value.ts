// A declared query parameter sent with nothing after `=` (`?filter=`, `?page=`). Prism treats it
// as absent and answers 200; whether Mode ignores it, refuses it or reads it as zero is not
// known, and a client that sends it almost always meant to send a value it did not have.
import type { Rule } from "./types.js";

export const emptyQueryValue: Rule = {
  id: "empty-query-value",
  severity: "error",
  summary: "a declared query parameter sent with an empty value",
  check: ({ request, operation }) => {
    if (!operation) return [];
    const seen = new Set<string>();
    return request.query.flatMap(([name, value]) => {
      if (value !== "" || !operation.query.has(name) || seen.has(name)) return [];
      seen.add(name);
      return [
        {
          location: `request.query.${name}`,
          message: `\`${name}\` is sent empty: send a value or leave the parameter out.`,
        },
      ];
    });
  },
};
