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
 * Refuses a URL credentials must not be sent to: not absolute, carrying a user name or password,
 * or neither https:// nor http:// to a loopback host. `what` names the option it came from; a
 * request's own URL is not echoed (its query may hold a key), only its host.
 */
export function checkUrl(url: string, what?: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(
      `${what} ${JSON.stringify(url)} is not an absolute URL; expected e.g. "https://app.mode.com/api"`,
    );
  }
  const { protocol, hostname, host, username, password } = parsed;
  if (username || password)
    throw new TypeError(
      `${what} must not contain a user name or password; pass \`token\` and \`secret\` instead`,
    );
  if (protocol !== "https:" && !(protocol === "http:" && isLoopbackHost(hostname)))
    throw new TypeError(
      `${what ? `${what} ${JSON.stringify(url)}` : `A request to ${host}`} would send Mode credentials over ${protocol === "http:" ? "plain http://" : protocol}; expected https:// (http:// only to localhost, 127.0.0.0/8 or [::1])`,
    );
}

/**
 * Sets `Authorization: Basic ...` on a request about to be sent and returns the strings to
 * redact from what comes back. Credentials are resolved per call (so a provider can rotate
 * them) and refused over plain http:// to anything but loopback; a pair is encoded once, and
 * fixed ones are checked once. This runs beneath openapi-fetch's middleware, so a caller's own
 * middleware never sees them.
 */
export function createAuth(
  getCredentials: ModeCredentialsProvider,
  source: string,
  fixed: boolean,
  baseUrl: string,
): (request: Request) => readonly string[] | Promise<readonly string[]> {
  // The last pair seen and what it encodes to: a rotated pair is encoded again.
  let last: { token: string; secret: string; header: string } | undefined;
  // Checked when the client was made; only a request sent elsewhere (a per-request baseUrl) is
  // checked again.
  const checked = `${baseUrl.replace(/\/$/, "")}/`;
  const use = (request: Request, credentials: unknown): readonly string[] => {
    assertCredentials(credentials, source);
    const { token, secret } = credentials;
    if (last?.token !== token || last.secret !== secret)
      last = { token, secret, header: `Basic ${base64Utf8(`${token}:${secret}`)}` };
    request.headers.set("Authorization", last.header);
    return secretsOfAuthorization(last.header);
  };
  return (request) => {
    const { url } = request;
    if (!url.startsWith("https:") && !url.startsWith(checked)) checkUrl(url);
    // Fixed credentials, once checked, are set as they are; a provider is asked every time.
    if (fixed && last) {
      request.headers.set("Authorization", last.header);
      return secretsOfAuthorization(last.header);
    }
    const credentials = getCredentials();
    return typeof (credentials as Partial<PromiseLike<unknown>>)?.then === "function"
      ? Promise.resolve(credentials).then((resolved) => use(request, resolved))
      : use(request, credentials);
  };
}
