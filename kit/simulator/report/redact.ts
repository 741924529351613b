// Keeps credentials out of the simulator's reports: the value of any query parameter whose name
// marks it as secret (`api_secret`, `token`, `password`, `signature`...), and every credential a
// client sent, wherever it appears (a URL, a message), raw, percent-encoded or in Base64.
import { Buffer } from "node:buffer";

export const REDACTED = "[REDACTED]";

const SECRET_NAME = /token|secret|key|passw|signature|auth|credential|session|cookie/i;

/** The forms a secret can take in text a report quotes. */
function forms(secret: string): string[] {
  return [
    ...new Set([
      secret,
      encodeURIComponent(secret),
      Buffer.from(secret, "utf8").toString("base64"),
    ]),
  ];
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Replaces `form` in `text`. A short form is replaced only where it stands alone (not inside a
 * word), so a test token such as `any` does not turn "many" into "m[REDACTED]"; one or two
 * characters are no secret anyone issues, and would turn every "a" of a message into a mark.
 */
function replaceForm(text: string, form: string): string {
  if (form.length < 3) return text;
  if (form.length >= 8) return text.split(form).join(REDACTED);
  return text.replace(
    new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(form)}(?![A-Za-z0-9])`, "g"),
    REDACTED,
  );
}

export interface Redactor {
  /** Remembers a credential to remove from every text. */
  add(token: string, secret: string): void;
  text(text: string): string;
  /** A path and query, with secret-named parameters' values replaced. */
  url(url: string): string;
}

/** Credentials remembered for redaction at most; beyond it, the earliest stay remembered. */
const MAX_SECRETS = 200;

export function createRedactor(): Redactor {
  const secrets = new Set<string>();
  const text = (input: string): string => {
    let out = input;
    for (const secret of secrets) {
      for (const form of forms(secret)) out = replaceForm(out, form);
    }
    return out;
  };
  return {
    add(token, secret) {
      for (const value of [token, secret, `${token}:${secret}`]) {
        if (secrets.size < MAX_SECRETS && value !== "") secrets.add(value);
      }
    },
    text,
    url(url) {
      const at = url.indexOf("?");
      if (at < 0) return text(url);
      const pairs = url
        .slice(at + 1)
        .split("&")
        .map((pair) => {
          const eq = pair.indexOf("=");
          if (eq < 0) return pair;
          let name = pair.slice(0, eq);
          try {
            name = decodeURIComponent(name);
          } catch {
            // A malformed escape: judged as sent.
          }
          return SECRET_NAME.test(name) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
        });
      return text(`${url.slice(0, at)}?${pairs.join("&")}`);
    },
  };
}
