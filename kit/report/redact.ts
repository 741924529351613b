// Secrets never reach a report. Each exchange passes through here once, as it enters a report
// (the console summary, `--json`, `--junit`): the values of query parameters named like secrets
// (`api_secret`, `token`, `X-Amz-Signature`...) become `[redacted]`, and so does any text that
// holds the request's own credentials or the values of its secret headers, in whatever encoding
// it was sent: raw, percent-encoded (once or more, any case), form-encoded, JSON-escaped or
// base64 (`user:pass` as in a Basic header). The credentials and headers are used for this and
// dropped: the report keeps only the redacted exchange. Pure, with no Node-only import, so the
// simulator's reports can use it too.
import { decodeLoosely } from "../rules/path-segments.js";
import type { HeadersLike } from "../rules/types.js";
import type { RecordedExchange, ReportedExchange, RequestSecrets } from "./exchange.js";

export type { Credentials, RequestSecrets } from "./exchange.js";

/** What a secret becomes in every report. */
export const REDACTED = "[redacted]";

// A name is a secret's when a part of it says so. Substrings, so `api_secret`, `apiKey`,
// `X-Amz-Security-Token` and `access_token` all count; a name such as `author` or `keyword` is
// redacted too, which costs a report nothing. Short words only as whole words (`sig` in Azure's
// signed URLs), where a substring would catch too much.
const SECRET_PART =
  /token|secret|passw|passphrase|passcode|pwd|key|signature|auth|credential|cookie|session|private|jwt|bearer/;
const SECRET_WORD = new Set(["sig", "pw", "pass", "sid", "otp"]);

// Free text (messages, the command line) is searched for secrets of at least this many
// characters; a shorter one would redact ordinary words. Parts of the URL are redacted whenever
// they equal a secret, whatever its length.
const MIN_SEARCHED_LENGTH = 4;
// Rounds of percent-decoding tried on a URL's parts: enough for a value encoded three times.
const MAX_DECODE_ROUNDS = 3;

const encoder = new TextEncoder();
const utf8 = new TextDecoder();

/** `text`, then each distinct result of decoding it once more (`+` is a space in query parts). */
function decodings(text: string, form: boolean): string[] {
  const out = [text];
  let current = form ? text.replace(/\+/g, " ") : text;
  if (current !== text) out.push(current);
  for (let round = 0; round < MAX_DECODE_ROUNDS; round++) {
    const next = decodeLoosely(current);
    if (next === current) break;
    out.push(next);
    current = next;
  }
  return out;
}

/** True for a parameter or header name that marks its value as a secret, in any encoding. */
export function isSecretName(name: string): boolean {
  return decodings(name, true).some((form) => {
    const words = form.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
    return (
      SECRET_PART.test(words) || words.split(/[^a-z0-9]+/).some((word) => SECRET_WORD.has(word))
    );
  });
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The text a base64 (or base64url) string encodes, or undefined when it is not one. */
function fromBase64(text: string): string | undefined {
  if (!/^[A-Za-z0-9+/_-]{6,}={0,2}$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return utf8.decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/** Every spelling of `value` a client or a message might hold. */
function spellings(value: string): string[] {
  const bytes = encoder.encode(value);
  const everyByte = [...bytes].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("");
  const uri = encodeURIComponent(value);
  const base64 = toBase64(bytes);
  return [
    value,
    uri,
    uri.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
    new URLSearchParams([["", value]]).toString().slice(1),
    everyByte,
    everyByte.toUpperCase(),
    JSON.stringify(value).slice(1, -1),
    base64,
    base64.replace(/=+$/, ""),
    base64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""),
  ];
}

function headerEntries(headers: HeadersLike): Array<[string, string]> {
  if (headers instanceof Headers) return [...headers];
  return Object.entries(headers).flatMap(
    ([name, value]): Array<[string, string]> =>
      value === undefined
        ? []
        : typeof value === "string"
          ? [[name, value]]
          : value.map((v): [string, string] => [name, v]),
  );
}

/** The secret values a request carried: its credentials (and `user:pass`), its secret headers. */
function carriedSecrets(secrets: RequestSecrets | undefined): string[] {
  const values: string[] = [];
  const addCredentials = (user: string, password: string): void => {
    values.push(user, password, `${user}:${password}`);
  };
  if (secrets?.credentials) addCredentials(secrets.credentials.user, secrets.credentials.password);
  for (const [name, value] of headerEntries(secrets?.headers ?? {})) {
    if (!isSecretName(name)) continue;
    values.push(value);
    // `Basic dXNlcjpwYXNz`, `Bearer abc`: the credential after the scheme, decoded for Basic.
    const [scheme = "", credential] = value.trim().split(/\s+/, 2);
    if (credential) values.push(credential);
    const decoded =
      scheme.toLowerCase() === "basic" && credential ? fromBase64(credential) : undefined;
    if (decoded?.includes(":")) {
      const colon = decoded.indexOf(":");
      addCredentials(decoded.slice(0, colon), decoded.slice(colon + 1));
    }
    // `theme=dark; _app_session=abc`: the values of the cookies named like secrets.
    for (const pair of value.split(";")) {
      const eq = pair.indexOf("=");
      if (eq > 0 && isSecretName(pair.slice(0, eq).trim())) values.push(pair.slice(eq + 1).trim());
    }
  }
  return values;
}

/** Splits a query (or fragment) into its pairs and the separators between them. */
const queryParts = (query: string): string[] => query.split(/([&;])/);

/** The values of the URL's own secret-named parameters, so they are found elsewhere too. */
function namedSecrets(url: string): string[] {
  const queryAt = url.search(/[?#]/);
  if (queryAt < 0) return [];
  return queryParts(url.slice(queryAt + 1).replace(/#/g, "&")).flatMap((part) => {
    const eq = part.indexOf("=");
    if (eq < 0 || !isSecretName(part.slice(0, eq))) return [];
    return decodings(part.slice(eq + 1), true);
  });
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Redacts text and URLs given the secret values one exchange (or a whole run) carried. */
export class Redactor {
  readonly #values: readonly string[];
  readonly #searched: RegExp | undefined;

  constructor(values: Iterable<string>) {
    this.#values = [...new Set([...values].filter((v) => v.trim() !== ""))];
    const needles = [
      ...new Set(this.#values.filter((v) => v.length >= MIN_SEARCHED_LENGTH).flatMap(spellings)),
    ].sort((a, b) => b.length - a.length);
    // One pass over the text, longest spelling first, so a marker is never searched again.
    this.#searched =
      needles.length > 0 ? new RegExp(needles.map(escapeRegExp).join("|"), "g") : undefined;
  }

  /** For a request: its credentials, its secret headers, and its URL's secret-named values. */
  static forRequest(url: string, secrets?: RequestSecrets): Redactor {
    return new Redactor([...carriedSecrets(secrets), ...namedSecrets(url)]);
  }

  /** For a run: what every exchange carried, so a secret one request sent is hidden in all. */
  static forExchanges(exchanges: readonly RecordedExchange[]): Redactor {
    return new Redactor(
      exchanges.flatMap((e) => [...carriedSecrets(e.secrets), ...namedSecrets(e.url)]),
    );
  }

  /** Free text with every known secret, in every spelling, replaced. */
  text(text: string): string {
    return this.#searched ? text.replace(this.#searched, REDACTED) : text;
  }

  /** True when a part of a URL is, or holds, a secret once decoded (or base64-decoded). */
  #holdsSecret(raw: string, form: boolean): boolean {
    const forms = decodings(raw, form);
    for (const f of [...forms]) {
      const decoded = fromBase64(f);
      if (decoded !== undefined) forms.push(decoded);
    }
    return forms.some((f) =>
      this.#values.some((v) => f === v || (v.length >= MIN_SEARCHED_LENGTH && f.includes(v))),
    );
  }

  #query(query: string): string {
    return queryParts(query)
      .map((part, i) => {
        if (i % 2 === 1) return part;
        const eq = part.indexOf("=");
        const name = eq < 0 ? part : part.slice(0, eq);
        if (this.#holdsSecret(name, true)) return REDACTED;
        const value = eq < 0 ? "" : part.slice(eq + 1);
        if (value === "") return part;
        return isSecretName(name) || this.#holdsSecret(value, true) ? `${name}=${REDACTED}` : part;
      })
      .join("");
  }

  /** A URL (path, query, fragment; or absolute) with every secret in it replaced. */
  url(url: string): string {
    const hashAt = url.indexOf("#");
    const beforeHash = hashAt < 0 ? url : url.slice(0, hashAt);
    const queryAt = beforeHash.indexOf("?");
    const path = queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt);
    const redactedPath = path
      .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, `$1${REDACTED}@`)
      .split("/")
      .map((segment) => (segment !== "" && this.#holdsSecret(segment, false) ? REDACTED : segment))
      .join("/");
    const query = queryAt < 0 ? "" : `?${this.#query(beforeHash.slice(queryAt + 1))}`;
    const fragment = hashAt < 0 ? "" : `#${this.#query(url.slice(hashAt + 1))}`;
    return this.text(`${redactedPath}${query}${fragment}`);
  }

  /** The exchange as a report may show it: redacted, and without what it carried to redact it. */
  exchange(exchange: RecordedExchange): ReportedExchange {
    return {
      method: exchange.method,
      url: this.url(exchange.url),
      operation: exchange.operation === null ? null : this.text(exchange.operation),
      status: exchange.status,
      violations: exchange.violations.map((v) => ({
        location: this.text(v.location),
        code: v.code,
        message: this.text(v.message),
        severity: v.severity,
      })),
    };
  }
}

/** One exchange redacted with what it carried (`exchange.secrets`, or `secrets` if given). */
export function redactExchange(
  exchange: RecordedExchange,
  secrets: RequestSecrets | undefined = exchange.secrets,
): ReportedExchange {
  return Redactor.forRequest(exchange.url, secrets).exchange(exchange);
}

/** A request's URL with secret-named values and the request's own secrets replaced. */
export function redactUrl(url: string, secrets?: RequestSecrets): string {
  return Redactor.forRequest(url, secrets).url(url);
}
