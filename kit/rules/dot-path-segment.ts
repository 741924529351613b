// A `.` or `..` segment in any spelling: raw, percent-encoded (`%2e%2e`, `.%2E`), encoded twice
// (`%252e%252e`), behind backslashes (`\..\`, `%5c..%5c`), overlong UTF-8 (`%c0%ae`) or with a
// `;param` (`..;`). Servers and proxies resolve these differently (some before routing, some
// after decoding once more, some never), so the request may reach another resource than the one
// its path names. Every path of the API is a fixed template with tokens in it, and a token never
// holds `%`, `\` or a lone dot, so no correct request has one. The front layer refuses such a
// request and never forwards it (`refuse`).
import { dotSegmentIn, segmentName } from "./path-segments.js";
import type { Rule } from "./types.js";

const decodedHow = (rounds: number): string =>
  rounds === 0
    ? ""
    : rounds === 1
      ? " once decoded"
      : rounds === 2
        ? " once decoded twice"
        : ` once decoded ${rounds} times`;

export const dotPathSegment: Rule = {
  id: "dot-path-segment",
  severity: "error",
  summary: "a `.` or `..` segment in the path, in any spelling (encoded, twice encoded, `\\`)",
  refuse: true,
  check: (context) =>
    context.request.segments.flatMap((raw, i) => {
      const found = dotSegmentIn(raw);
      if (!found) return [];
      const { location, name } = segmentName(context, i);
      const what =
        raw === found.dots
          ? `the dot segment \`${raw}\``
          : `\`${raw}\`, which holds the dot segment \`${found.dots}\`${decodedHow(found.rounds)}`;
      return [
        {
          location,
          message: `${name} is ${what}: servers resolve it differently, so the request could reach another resource. Send the token or the fixed path word that belongs there; the kit does not forward this request.`,
        },
      ];
    }),
};
