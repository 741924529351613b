// What the simulator must keep out of its reports, gathered as requests come: every credential a
// client sent (token, secret and the pair), and the values of headers and query parameters named
// like secrets. The kit's own redaction (kit/report) then hides them in every spelling, in every
// message, URL and note of the report, the JUnit file and the timeline page.
import { isSecretName, Redactor } from "../../report/index.js";

/** Values remembered at most: beyond them, the first ones stay remembered. */
const MAX_VALUES = 300;

export interface SecretsSeen {
  /** Remembers what `request` carried: its Basic credentials, secret headers and query values. */
  add(request: Request, credentials: { token: string; secret: string } | undefined): void;
  /** The kit's redaction for everything seen so far. */
  redactor(): Redactor;
}

export function collectSecrets(): SecretsSeen {
  const values = new Set<string>();
  let cached: Redactor | undefined;
  const remember = (value: string): void => {
    if (value.trim() === "" || values.has(value) || values.size >= MAX_VALUES) return;
    values.add(value);
    cached = undefined;
  };
  return {
    add(request, credentials) {
      if (credentials) {
        remember(credentials.token);
        remember(credentials.secret);
        remember(`${credentials.token}:${credentials.secret}`);
      }
      for (const [name, value] of request.headers) {
        if (name !== "authorization" && isSecretName(name)) remember(value);
      }
      for (const [name, value] of new URL(request.url).searchParams) {
        if (isSecretName(name)) remember(value);
      }
    },
    redactor() {
      cached ??= new Redactor(values);
      return cached;
    },
  };
}
