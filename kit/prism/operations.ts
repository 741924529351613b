// Names the operation a request was aimed at, so violation reports say `updateDataset` rather
// than `PATCH /acme/datasets/8f2c...`. Reads the same spec Prism serves, through the index the
// kit's rules use, so both agree on which operation a request is.
import { indexSpec, pathSegments } from "../rules/spec-index.js";

/** operationId of the operation `method path` is aimed at, or null when none matches. */
export type OperationMatcher = (method: string, path: string) => string | null;

/** Builds a matcher from a parsed spec (see `loadSpec`). */
export function operationMatcher(document: unknown): OperationMatcher {
  const index = indexSpec(document);
  return (method, path) => {
    const pathOnly = path.split("?")[0] ?? path;
    return index.match(method, pathSegments(pathOnly))?.id ?? null;
  };
}
