/**
 * Redaction of credentials a server echoes back. Every function returns its input unchanged
 * (the same string or object) when there is nothing to redact, so the common case costs a
 * scan and no copies.
 */
export const REDACTED = "[redacted]";

// Very short values (test fixtures like "t") would shred ordinary words if redacted; real Mode
// tokens and secrets are far longer than this.
const MIN_SECRET_LENGTH = 8;
const NONE: readonly string[] = [];
// Follows cause chains and nested bodies this deep; deeper parts are replaced whole.
const MAX_DEPTH = 32;

// The last Authorization value seen and what it yields: fixed credentials are decoded once.
let lastHeader: string | null = null;
let lastSecrets: readonly string[] = NONE;

/**
 * The strings to redact for a request, read from its own `Authorization: Basic` header: the
 * encoded value, and the token and secret it decodes to, each at least 8 characters long.
 */
export function secretsOf(request: Request): readonly string[] {
  return secretsOfAuthorization(request.headers.get("authorization"));
}

/** The strings to redact for an `Authorization` value (see `secretsOf`). */
export function secretsOfAuthorization(header: string | null): readonly string[] {
  if (header === lastHeader) return lastSecrets;
  lastSecrets = header === null ? NONE : secretsOfHeader(header);
  lastHeader = header;
  return lastSecrets;
}

function secretsOfHeader(header: string): readonly string[] {
  const encoded = /^Basic\s+(\S+)$/i.exec(header.trim())?.[1];
  if (encoded === undefined) return header.length >= MIN_SECRET_LENGTH ? [header] : NONE;
  const found = [encoded];
  try {
    const bytes = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
    const decoded = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    const colon = decoded.indexOf(":");
    if (colon !== -1) found.push(decoded.slice(colon + 1), decoded.slice(0, colon));
  } catch {
    // Not Base64 of UTF-8: only the encoded value can be echoed.
  }
  return found.filter((value) => value.length >= MIN_SECRET_LENGTH);
}

/** `text` with every occurrence of each secret replaced by `[redacted]`. */
export function redactText(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (result.includes(secret)) result = result.split(secret).join(REDACTED);
  }
  return result;
}

export function redactOptional(
  text: string | undefined,
  secrets: readonly string[],
): string | undefined {
  return text === undefined ? undefined : redactText(text, secrets);
}

/**
 * A URL with the secrets redacted, also where the URL parser percent-encoded them (it encodes
 * spaces and non-ASCII characters wherever a server put them). Such a URL is returned decoded.
 */
export function redactUrl(url: string, secrets: readonly string[]): string {
  const direct = redactText(url, secrets);
  if (secrets.length === 0 || !direct.includes("%")) return direct;
  let decoded: string;
  try {
    decoded = decodeURIComponent(direct);
  } catch {
    return direct;
  }
  const redacted = redactText(decoded, secrets);
  return redacted === decoded ? direct : redacted;
}

/**
 * A JSON-like value with the secrets redacted from every string, object keys included. Arrays
 * and plain objects are copied only where something changed; other objects are kept as they are
 * (a parsed body holds none).
 */
export function redactValue(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (secrets.length === 0) return value;
  if (typeof value === "string") return redactText(value, secrets);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return REDACTED;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, index) => {
      const redacted = redactValue(item, secrets, depth + 1);
      if (redacted !== item) {
        copy ??= [...value];
        copy[index] = redacted;
      }
    });
    return copy ?? value;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  let changed = false;
  const entries = Object.entries(value).map(([key, item]) => {
    const safeKey = redactText(key, secrets);
    const safeItem = redactValue(item, secrets, depth + 1);
    if (safeKey !== key || safeItem !== item) changed = true;
    return [safeKey, safeItem] as const;
  });
  return changed ? Object.fromEntries(entries) : value;
}

/**
 * An error's cause with the secrets redacted. An Error whose message, stack, string fields or
 * own cause holds a secret is replaced by an Error of the same name with those redacted (its
 * other fields are dropped); anything else goes through `redactValue`.
 */
export function redactCause(cause: unknown, secrets: readonly string[], depth = 0): unknown {
  if (secrets.length === 0 || !(cause instanceof Error)) return redactValue(cause, secrets);
  if (depth >= MAX_DEPTH) return new Error(REDACTED);
  const inner = redactCause(cause.cause, secrets, depth + 1);
  const leaks =
    inner !== cause.cause ||
    [cause.message, cause.stack ?? "", ...Object.values(cause)].some(
      (field) => typeof field === "string" && redactText(field, secrets) !== field,
    );
  if (!leaks) return cause;
  const safe = new Error(
    redactText(cause.message, secrets),
    inner === undefined ? undefined : { cause: inner },
  );
  safe.name = cause.name;
  safe.stack = redactText(cause.stack ?? "", secrets);
  return safe;
}
