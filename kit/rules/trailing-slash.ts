// A `/` after a path the spec writes without one: `GET …/reports/{report}/runs/`. Real clients
// send it (Shipyard's blueprints do, to Mode), and Mode is not known to refuse it, so it is a
// warning. Prism reads `…/runs/` as `…/runs/{run}` with an empty run and refuses it with a 400
// the client never earned; `canonicalPath` (in index.ts) gives the front layer the path to
// forward instead, and the spec index already reads the request as the listing.
import type { Rule } from "./types.js";

/** True for a path (no query) that ends in one `/` after at least one segment. */
export const hasTrailingSlash = (path: string): boolean =>
  path.length > 1 && path.endsWith("/") && !path.endsWith("//");

export const trailingSlash: Rule = {
  id: "trailing-slash",
  severity: "warning",
  summary: "a trailing `/` after a path the spec writes without one",
  check: ({ request, operation }) => {
    if (!operation || !hasTrailingSlash(request.path)) return [];
    return [
      {
        location: "request.path",
        message: `The path ends with a \`/\` the spec does not write: \`${request.method} ${request.path}\` is read as ${operation.id} (\`${operation.template}\`). Mode is not known to refuse it, but a server that routes strictly reads the slash as an empty token: drop the trailing slash.`,
      },
    ];
  },
};
