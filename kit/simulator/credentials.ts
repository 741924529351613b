// Reading HTTP Basic credentials off a request, defensively: a header that is huge, not Basic,
// not Base64 or without a colon is no credential, never a crash. The simulator accepts any
// non-blank token and secret, as the mock does; the token names the credential the rate limit
// and the conduct rules count by.
import { Buffer } from "node:buffer";

export interface Credentials {
  token: string;
  secret: string;
}

const MAX_HEADER = 8_192;

export function basicCredentials(authorization: string | null): Credentials | undefined {
  if (authorization === null || authorization.length > MAX_HEADER) return undefined;
  const [scheme, encoded, ...rest] = authorization.trim().split(/\s+/);
  if (scheme?.toLowerCase() !== "basic" || !encoded || rest.length > 0) return undefined;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return undefined;
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  const token = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  if (token.trim() === "" || secret.trim() === "") return undefined;
  return { token, secret };
}
