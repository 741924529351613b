// In proxy mode Prism validates each exchange but does not talk to the real upstream: its own
// forwarding follows redirects (credentials and all), answers an upstream 501 from the mock, and
// re-serialises bodies and paths. Prism's upstream is this relay, on loopback, instead. The front
// registers each request it lets through; the relay sends that request, as the client sent it, to
// the configured upstream with node:http (never following a redirect), keeps the answer for the
// front to hand the client, and gives Prism a copy to validate, without `Location`, so Prism's
// fetch has nothing to follow. A request the front did not register is never sent anywhere.
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { answer } from "./respond.js";
import { endToEnd, type Outgoing, type SendResult, send } from "./send.js";

/** The header that carries an exchange's id from the front, through Prism, to the relay. */
export const EXCHANGE_HEADER = "x-mode-kit-exchange";

interface Pending {
  outgoing: Outgoing;
  result?: SendResult;
}

export interface Relay {
  /** Prism's upstream: `http://127.0.0.1:port`. */
  readonly baseUrl: string;
  /** Registers a request to send to the upstream when Prism passes it on; returns its id. */
  register(outgoing: Outgoing): string;
  /** What the upstream answered for the exchange, or undefined when Prism never passed it on. */
  take(id: string): SendResult | undefined;
  close(): Promise<void>;
}

export async function startRelay(upstream: URL, limit: number): Promise<Relay> {
  const pending = new Map<string, Pending>();
  const server: Server = createServer((req, res) => {
    const header = req.headers[EXCHANGE_HEADER];
    const entry = typeof header === "string" ? pending.get(header) : undefined;
    // Prism's copy of the body is not what the client sent (it parses and re-serialises it).
    req.resume();
    if (!entry || entry.result) {
      answer(res, 400, { "content-type": "text/plain" }, "not an exchange of this kit\n");
      return;
    }
    entry.result = { kind: "failed", reason: "the kit stopped before the upstream answered" };
    void send(upstream, entry.outgoing, limit).then((result) => {
      entry.result = result;
      if (result.kind !== "answer") {
        answer(res, 502, { "content-type": "text/plain" }, "the upstream gave no answer\n");
        return;
      }
      const { status, statusText, headers, body } = result.answer;
      answer(res, status, endToEnd(headers, ["location"]), body, statusText);
    });
  });
  // Prism's fetch keeps connections alive and never retries: a connection this side closed as an
  // idle one just as Prism sent on it would lose that request. Prism closes its idle ones itself.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port: 0, host: "127.0.0.1", backlog: 4096 }, () => resolve());
  });
  const address = server.address();
  if (!address || typeof address !== "object") throw new Error("relay: no listening address");
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    register(outgoing) {
      const id = randomUUID();
      pending.set(id, { outgoing });
      return id;
    },
    take(id) {
      const entry = pending.get(id);
      pending.delete(id);
      return entry?.result;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
