// Which upstreams `proxy` accepts. Clients send real credentials through it, so they may cross
// the network only encrypted: https://, or plain http:// to this machine (a local fake of Mode).
// Plain http to another host needs an explicit flag, and is then warned about.

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

export interface Upstream {
  url: URL;
  /** Said once at start when the upstream is reached in clear over a network. */
  warning?: string;
}

/** Parses and checks the upstream; throws one sentence naming what is wrong. */
export function checkUpstream(text: string, allowPlainHttp: boolean): Upstream {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(
      `upstream must be an absolute URL such as https://app.mode.com/api, got ${JSON.stringify(text)}`,
    );
  }
  if (url.username !== "" || url.password !== "") {
    // Not echoed: what is before the @ is a credential.
    throw new Error(
      "the upstream URL carries credentials (user:password@); remove them: the client's own go through",
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(
      `upstream must be https:// (or http:// to this machine), got a ${url.protocol} URL: ${JSON.stringify(text)}`,
    );
  }
  if (url.search !== "" || url.hash !== "") {
    throw new Error(
      `upstream must be a base URL without a query or fragment, such as https://app.mode.com/api, got ${JSON.stringify(`${url.origin}${url.pathname}…`)}`,
    );
  }
  if (url.protocol === "http:" && !LOOPBACK.test(url.hostname)) {
    const risk = `plain http:// to ${url.host} sends the client's credentials across the network in clear`;
    if (!allowPlainHttp) {
      throw new Error(
        `${risk}; use https://, or pass --allow-plain-http if that network is yours alone`,
      );
    }
    return { url, warning: `WARNING: ${risk} (--allow-plain-http).` };
  }
  return { url };
}
