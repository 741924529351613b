import type { Middleware } from "openapi-fetch";
import { base64Utf8 } from "./base64.js";
import {
  assertCredentials,
  type ModeCredentials,
  type ModeCredentialsProvider,
} from "./credentials.js";
import { isLoopbackHost } from "./loopback.js";

const REDACTED = "[redacted]";
const MIN_SCRUB_LENGTH = 8;

/**
 * Sets `Authorization: Basic ...` on every request. Credentials are resolved per request (so a
 * provider can rotate them), refused over plain http:// to anything but loopback, and scrubbed
 * from error bodies in case a server echoes them back.
 */
export function createAuthMiddleware(
  getCredentials: ModeCredentialsProvider,
  source: string,
): Middleware {
  // Keyed by openapi-fetch's per-call `params` object, which every callback of one call shares;
  // a WeakMap forgets calls that a later middleware short-circuits.
  const secretsByCall = new WeakMap<object, string[]>();
  // The last pair seen and what it encodes to: fixed credentials are encoded once, a rotated
  // pair (token or secret changed) is encoded again.
  let last: { token: string; secret: string; encoded: string; scrub: string[] } | undefined;
  return {
    async onRequest({ request, params }) {
      const url = new URL(request.url);
      if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
        throw new TypeError(
          `Refusing to send Mode credentials over plain http:// to ${url.host}; use https:// or a loopback address`,
        );
      }
      const credentials: ModeCredentials = await getCredentials();
      assertCredentials(credentials, source);
      const { token, secret } = credentials;
      if (last?.token !== token || last.secret !== secret) {
        const encoded = base64Utf8(`${token}:${secret}`);
        // Very short values (test fixtures like "t") would shred ordinary words if scrubbed;
        // real Mode tokens and secrets are far longer than this.
        const scrub = [encoded, secret, token].filter((value) => value.length >= MIN_SCRUB_LENGTH);
        last = { token, secret, encoded, scrub };
      }
      secretsByCall.set(params, last.scrub);
      request.headers.set("Authorization", `Basic ${last.encoded}`);
      return request;
    },
    async onResponse({ response, params }) {
      const secrets = secretsByCall.get(params);
      secretsByCall.delete(params);
      if (response.ok || !secrets || response.body === null) return undefined;
      const text = await response.clone().text();
      if (!secrets.some((secret) => text.includes(secret))) return undefined;
      const scrubbed = secrets.reduce((body, secret) => body.split(secret).join(REDACTED), text);
      return new Response(scrubbed, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    },
    onError({ params }) {
      secretsByCall.delete(params);
      return undefined;
    },
  };
}
