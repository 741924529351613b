// A `.` or `..` segment, raw or percent-encoded (`%2e%2e`). Servers and proxies resolve these
// differently (some before routing, some never), so the request may reach another resource than
// the one its path names. Every path of the API is a fixed template with tokens in it, so no
// correct request has one.
import { decodeSegment, segmentName } from "./path-segments.js";
import type { Rule } from "./types.js";

export const dotPathSegment: Rule = {
  id: "dot-path-segment",
  severity: "error",
  summary: "a `.` or `..` segment in the path, raw or percent-encoded",
  check: (context) =>
    context.request.segments.flatMap((raw, i) => {
      const decoded = decodeSegment(raw);
      if (decoded !== "." && decoded !== "..") return [];
      const { location, name } = segmentName(context, i);
      return [
        {
          location,
          message: `${name} is the dot segment \`${raw}\`: a token or a fixed path word belongs there.`,
        },
      ];
    }),
};
