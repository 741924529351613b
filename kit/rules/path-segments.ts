// Decoding shared by the path rules: a segment is judged by what it means once decoded, since
// `%7B` is `{` and `%2e` is `.` to any server, and by what it means to servers that decode
// again or read more than `/` as a separator.
import { isTemplateParameter } from "./spec-index.js";
import type { RuleContext } from "./types.js";

export function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    // A malformed escape such as `%zz` is kept as sent; it is not what these rules look for.
    return raw;
  }
}

const utf8 = new TextDecoder();

// Spellings of `.`, `/` and `\` that strict decoders refuse but some servers still read as those
// characters: overlong UTF-8 (`%c0%ae`) and IIS's `%u002e`.
const LOOSE_SPELLINGS: ReadonlyArray<readonly [RegExp, string]> = [
  [/%c0%ae|%e0%80%ae/gi, "."],
  [/%c0%af|%e0%80%af/gi, "/"],
  [/%c1%9c|%e0%81%9c/gi, "\\"],
  [/%u002e/gi, "."],
  [/%u002f/gi, "/"],
  [/%u005c/gi, "\\"],
];

/** One round of percent-decoding that never throws: malformed escapes stay as sent. */
export function decodeLoosely(text: string): string {
  let out = text;
  for (const [spelling, character] of LOOSE_SPELLINGS) out = out.replace(spelling, character);
  return out.replace(/(?:%[0-9a-f]{2})+/gi, (run) =>
    utf8.decode(Uint8Array.from(run.slice(1).split("%"), (hex) => Number.parseInt(hex, 16))),
  );
}

// Each round undoes one layer of encoding; four layers is past any real client or proxy.
const MAX_ROUNDS = 4;

/**
 * The dot segment (`.` or `..`) a raw path segment holds in any spelling, with how many rounds of
 * decoding revealed it (0: sent as is), or undefined. Backslashes count as separators, as they
 * do for WHATWG URL parsers and Windows servers, and `;params` are dropped, as Tomcat does
 * (`..;` is `..` there).
 */
export function dotSegmentIn(raw: string): { dots: "." | ".."; rounds: number } | undefined {
  let text = raw;
  for (let rounds = 0; rounds <= MAX_ROUNDS; rounds++) {
    for (const piece of text.split(/[/\\]/)) {
      const dots = piece.split(";")[0];
      if (dots === "." || dots === "..") return { dots, rounds };
    }
    const next = decodeLoosely(text);
    if (next === text) return undefined;
    text = next;
  }
  return undefined;
}

/**
 * How to name segment `i` in a finding: `request.path.dataset` and "the path parameter
 * `dataset`" when it is a parameter of the matched template, else by its position.
 */
export function segmentName(
  { operation }: RuleContext,
  i: number,
): { location: string; name: string } {
  const template = operation?.segments[i];
  if (template && isTemplateParameter(template)) {
    const parameter = template.slice(1, -1);
    return { location: `request.path.${parameter}`, name: `the path parameter \`${parameter}\`` };
  }
  return { location: "request.path", name: `path segment ${i + 1}` };
}
