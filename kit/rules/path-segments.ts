// Decoding shared by the two path rules: a segment is judged by what it means once
// percent-decoded, since `%7B` is `{` and `%2e` is `.` to any server.
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
