// The spec's paths as the client takes them: the same, except that a listing's free-text
// `filter` (the spec can only say `string`) is typed by Mode's filter grammar.
import type { paths } from "../../generated/schema.js";
import type { FilterParam } from "../filters.js";

/**
 * A query with its free-text `filter` typed as `FilterParam`; an enumerated `filter`
 * (listSpaces' `all`, `custom`, `mine`) is kept as the spec has it.
 */
export type Filtered<Q> = Q extends { filter?: infer F }
  ? string extends F
    ? Omit<Q, "filter"> & { filter?: FilterParam | undefined }
    : Q
  : Q;

type WithFilter<Operation> = Operation extends { parameters: { query?: infer Q } }
  ? Omit<Operation, "parameters"> & {
      parameters: Omit<Operation["parameters"], "query"> &
        (undefined extends Operation["parameters"]["query"]
          ? { query?: Filtered<NonNullable<Q>> }
          : { query: Filtered<NonNullable<Q>> });
    }
  : Operation;

/** Mode's paths, with every `filter` typed by its grammar: what `createModeClient` is typed by. */
export type ModePaths = {
  [P in keyof paths]: { [M in keyof paths[P]]: WithFilter<paths[P][M]> };
};
