// A path segment that still holds a `{...}` placeholder, raw or percent-encoded:
// `/northwind/datasets/%7Bdataset%7D`. The client copied a path template and never substituted
// the value. The spec's token patterns cannot forbid braces without also forbidding tokens Mode
// may issue, so Prism accepts it and answers with an example.
import { decodeSegment, segmentName } from "./path-segments.js";
import type { Rule } from "./types.js";

export const unfilledPathPlaceholder: Rule = {
  id: "unfilled-path-placeholder",
  severity: "error",
  summary: "a `{...}` placeholder left in the path, raw or percent-encoded",
  check: (context) =>
    context.request.segments.flatMap((raw, i) => {
      const decoded = decodeSegment(raw);
      if (!/[{}]/.test(decoded)) return [];
      const { location, name } = segmentName(context, i);
      return [
        {
          location,
          message: `${name} is \`${raw}\`, an unfilled placeholder: substitute the value before sending.`,
        },
      ];
    }),
};
