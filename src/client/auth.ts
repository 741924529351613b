import { base64Utf8 } from "../internal/base64.js";
import { isLoopbackHost } from "../internal/loopback.js";
import { secretsOfAuthorization } from "../internal/redact.js";

/** Mode API credentials: HTTP Basic with the token as user name and the secret as password. */
export interface ModeCredentials {
  token: string;
  secret: string;
}

/** Called before every request, so rotated credentials take effect without a new client. */
export type ModeCredentialsProvider = () => ModeCredentials | Promise<ModeCredentials>;

/**
 * Refuses unusable credentials before anything is sent. Messages name the field, never the
 * value: the value is a secret.
 */
export function assertCredentials(
  credentials: unknown,
  source: string,
): asserts credentials is ModeCredentials {
  if (credentials === null || typeof credentials !== "object") {
    throw new TypeError(`Mode credentials from ${source} are missing; expected { token, secret }`);
  }
  const { token, secret } = credentials as Record<string, unknown>;
  for (const [name, value, env] of [
    ["token", token, "MODE_API_TOKEN"],
    ["secret", secret, "MODE_API_SECRET"],
  ] as const) {
    if (typeof value !== "string" || value === "") {
      throw new TypeError(
        `Mode API ${name} from ${source} is ${value === "" ? "empty" : "missing"}; pass \`${name}\` to createModeClient or set ${env}`,
      );
    }
  }
  // RFC 7617: a user-id containing a colon cannot be represented in Basic credentials.
  if ((token as string).includes(":")) {
    throw new TypeError(
      `Mode API token from ${source} contains ":"; expected the token exactly as Mode shows it`,
    );
  }
  if (/[\r\n]/.test(token as string) || /[\r\n]/.test(secret as string)) {
    throw new TypeError(
      `Mode API credentials from ${source} contain a line break; expected a single-line token and secret`,
    );
  }
}

/**
 * Sets `Authorization: Basic ...` on a request about to be sent and returns the strings to
 * redact from what comes back. Credentials are resolved per call (so a provider can rotate
 * them) and refused over plain http:// to anything but loopback; fixed ones are encoded once.
 * This runs beneath openapi-fetch's middleware, so a caller's middleware never sees them.
 */
export function createAuth(
  getCredentials: ModeCredentialsProvider,
  source: string,
): (request: Request) => Promise<readonly string[]> {
  // The last pair seen and what it encodes to: a rotated pair is encoded again.
  let last: { token: string; secret: string; header: string } | undefined;
  return async (request) => {
    const { url } = request;
    if (!url.startsWith("https:")) {
      const { protocol, hostname, host } = new URL(url);
      if (protocol === "http:" && !isLoopbackHost(hostname)) {
        throw new TypeError(
          `Refusing to send Mode credentials over plain http:// to ${host}; use https:// or a loopback address`,
        );
      }
    }
    const credentials: unknown = await getCredentials();
    assertCredentials(credentials, source);
    const { token, secret } = credentials;
    if (last?.token !== token || last.secret !== secret) {
      last = { token, secret, header: `Basic ${base64Utf8(`${token}:${secret}`)}` };
    }
    request.headers.set("Authorization", last.header);
    return secretsOfAuthorization(last.header);
  };
}
