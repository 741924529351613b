// What the front accepts as a request target, decided before anything is read or forwarded:
// only a path (origin-form), so the kit can never be used as an open proxy, and never a path
// with a dot segment in any spelling, since servers and proxies resolve those differently and
// the request may reach another resource than the one it names.

/** Why a target is refused, in words for the finding; undefined when it is acceptable. */
export function refuseTarget(method: string, target: string): string | undefined {
  if (method === "CONNECT")
    return "CONNECT asks the kit to open a tunnel; it forwards API paths only";
  if (!target.startsWith("/") || target.startsWith("//")) {
    return "the request target is not a path (an absolute URL or `*`): the kit forwards API paths only, to its one upstream";
  }
  return undefined;
}

// Up to this many rounds of percent-decoding: a server that decodes twice turns `%252e` into `.`.
const DECODE_ROUNDS = 3;

/** Percent-decodes byte by byte, leaving a malformed escape as it is; bytes read as Latin-1. */
function decodeOnce(text: string): string {
  return text.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

/**
 * The dot segment a path holds, as sent, or undefined. Read the way the most lenient server
 * would: percent-decoded up to three times, `\` as a separator (as URL parsers do for http),
 * `;params` dropped from a segment (`..;/`), and the overlong UTF-8 `%c0%ae` read as `.`.
 */
export function dotSegment(path: string): string | undefined {
  const raw = path.split("?")[0] ?? path;
  let decoded = raw;
  for (let round = 0; round < DECODE_ROUNDS; round++) {
    const next = decodeOnce(decoded);
    if (next === decoded) break;
    decoded = next;
  }
  const forms = [raw, decoded].map((text) => text.replace(/\xc0\xae|\xe0\x80\xae/g, "."));
  for (const form of forms) {
    for (const segment of form.split(/[/\\]/)) {
      const bare = (segment.split(";")[0] ?? segment).trim();
      if (bare === "." || bare === "..") return raw;
    }
  }
  return undefined;
}
