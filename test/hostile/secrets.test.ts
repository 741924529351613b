// A server that echoes the credentials back, in every shape JSON and HTTP allow, must never get
// them into an error a caller can print, log or serialise; and credentials go over plain http://
// only to hosts that cannot leave the machine.
import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { errorFromResponse, ModeApiError } from "../../src/index.js";
import { hostileServer, send, sendJson } from "./helpers/hostile-server.js";
import {
  AUTHORIZATION,
  drain,
  expectNoCredentials,
  plainClient,
  rejection,
  SECRET,
  slashEscaped,
  throwingClient,
  TOKEN,
  unicodeEscaped,
} from "./helpers/hostile-client.js";

const path = "/{account}/datasets/{dataset}";
const ids = { account: "northwind", dataset: "5a4177a2902c" };
const listingIds = { account: "northwind", space: "8f2c6d1e9b4a" };

// The token is echoed as is, so today's scrub of the raw text fires and replaces it; the secret
// and the Authorization value hide behind "\/", which only parsing turns back into "/".
const slashEcho = `{"id":"unauthorized","message":"bad credentials ${TOKEN} ${slashEscaped(SECRET)} ${slashEscaped(AUTHORIZATION)}"}`;

function sendRaw(response: ServerResponse, status: number, text: string, type: string): void {
  send(response, status, text, { "Content-Type": type });
}

describe("credentials echoed in an error body", () => {
  it("redacts credentials a 401 echoes verbatim", async () => {
    const server = await hostileServer((_request, response) =>
      sendJson(response, 401, {
        id: "unauthorized",
        message: `bad credentials ${TOKEN} ${SECRET} ${AUTHORIZATION}`,
      }),
    );
    const error = await rejection(throwingClient(server.baseUrl).datasets.get(ids));
    expect(error).toMatchObject({ kind: "unauthorized", status: 401 });
    expectNoCredentials(error);
  });

  it("redacts credentials a 401 echoes with \\/ escapes from the thrown error", async () => {
    const server = await hostileServer((_request, response) =>
      sendRaw(response, 401, slashEcho, "application/json"),
    );
    const error = await rejection(throwingClient(server.baseUrl).datasets.get(ids));
    expect(error).toMatchObject({ kind: "unauthorized", status: 401 });
    expectNoCredentials(error);
  });

  it("redacts credentials a 401 echoes with \\/ escapes from the plain client's error value", async () => {
    const server = await hostileServer((_request, response) =>
      sendRaw(response, 401, slashEcho, "application/json"),
    );
    const { error, response } = await plainClient(server.baseUrl).GET(path, {
      params: { path: ids },
    });
    expect(response.status).toBe(401);
    expectNoCredentials(error);
    expectNoCredentials(errorFromResponse({ body: error, response, method: "GET", path }));
  });

  it("redacts credentials a 404 echoes as \\u escapes, in values and in keys", async () => {
    const body = `{"id":"not_found","message":{"${unicodeEscaped(SECRET)}":"${unicodeEscaped(AUTHORIZATION)}","token":"${unicodeEscaped(TOKEN)}"}}`;
    const server = await hostileServer((_request, response) =>
      sendRaw(response, 404, body, "application/json"),
    );
    const error = await rejection(throwingClient(server.baseUrl).datasets.get(ids));
    expect(error).toMatchObject({ kind: "not_found", status: 404 });
    expectNoCredentials(error);
  });

  it("keeps a request-id header that echoes the credentials out of requestId", async () => {
    const server = await hostileServer((_request, response) =>
      sendJson(
        response,
        404,
        { id: "not_found", message: "no such dataset" },
        {
          "X-Request-Id": AUTHORIZATION,
        },
      ),
    );
    const error = await rejection(throwingClient(server.baseUrl).datasets.get(ids));
    expect(error).toMatchObject({ kind: "not_found" });
    expectNoCredentials(error);
  });

  it("keeps a status text that echoes the authorization value out of the message", async () => {
    const server = await hostileServer((_request, response) => {
      response.writeHead(401, AUTHORIZATION, { "Content-Length": 0 });
      response.end();
    });
    const error = await rejection(throwingClient(server.baseUrl).datasets.get(ids));
    expect(error).toMatchObject({ kind: "unauthorized", status: 401 });
    expectNoCredentials(error);
  });

  it("keeps credentials a redirect writes into the location out of the error's url", async () => {
    const server = await hostileServer((_request, response, index) => {
      if (index === 0) {
        response.writeHead(302, { Location: `/api/northwind/datasets/gone?echo=${AUTHORIZATION}` });
        response.end();
        return;
      }
      sendJson(response, 404, { id: "not_found", message: "no such dataset" });
    });
    const error = await rejection(throwingClient(server.baseUrl).datasets.get(ids));
    expect(error).toMatchObject({ kind: "not_found" });
    expectNoCredentials(error);
  });

  it("redacts every one of concurrent plain-client calls that share one init object", async () => {
    const held: ServerResponse[] = [];
    // Answering only once all three have arrived puts every request's middleware ahead of
    // every response's, the order in which per-call state keyed on `init` goes wrong.
    const server = await hostileServer((request, response) => {
      held.push(response);
      if (held.length < 3) return;
      for (const waiting of held) {
        sendJson(waiting, 401, {
          id: "unauthorized",
          message: `bad credentials ${request.headers.authorization ?? ""} ${SECRET}`,
        });
      }
    });
    const client = plainClient(server.baseUrl);
    const init = { params: { path: ids } };
    const results = await Promise.all([
      client.GET(path, init),
      client.GET(path, init),
      client.GET(path, init),
    ]);
    expect(server.seen).toHaveLength(3);
    for (const { error, response } of results) {
      expect(response.status).toBe(401);
      expectNoCredentials(error);
    }
  });
});

describe("credentials echoed around an error status", () => {
  it("redacts the plain client's error response: status text, header values, header names and url", async () => {
    const server = await hostileServer((_request, response, index) => {
      if (index === 0) {
        response.writeHead(302, { Location: `/api/northwind/datasets/gone?echo=${SECRET}` });
        response.end();
        return;
      }
      response.writeHead(401, AUTHORIZATION, {
        "Content-Type": "application/json",
        "X-Echo": `${TOKEN} ${AUTHORIZATION}`,
        [TOKEN]: "a header named after the token",
      });
      response.end(slashEcho);
    });
    const { error, response } = await plainClient(server.baseUrl).GET(path, {
      params: { path: ids },
    });
    expect(response.status).toBe(401);
    expectNoCredentials(error);
    expectNoCredentials(response.statusText);
    expectNoCredentials(response.url);
    expectNoCredentials(JSON.stringify([...response.headers]));
  });
});

describe("credentials echoed in a success body the client refuses", () => {
  const html = `<html><body><p>Signed in as ${AUTHORIZATION} (${SECRET})</p></body></html>`;

  it("keeps them out of the error for an html 200 in the throwing layer", async () => {
    const server = await hostileServer((_request, response) =>
      sendRaw(response, 200, html, "text/html"),
    );
    const error = await rejection(throwingClient(server.baseUrl).datasets.get(ids));
    expect(error).toMatchObject({ kind: "invalid_response", status: 200 });
    expectNoCredentials(error);
  });

  it("keeps them out of the error for an html 200 in the plain client", async () => {
    const server = await hostileServer((_request, response) =>
      sendRaw(response, 200, html, "text/html"),
    );
    const error = await rejection(plainClient(server.baseUrl).GET(path, { params: { path: ids } }));
    expect(error).toMatchObject({ kind: "invalid_response", status: 200 });
    expectNoCredentials(error);
  });

  it("keeps them out of the error for a listing without _embedded", async () => {
    const server = await hostileServer((_request, response) =>
      sendJson(response, 200, { echo: AUTHORIZATION, secret: SECRET, token: TOKEN }),
    );
    const mode = throwingClient(server.baseUrl);
    const listed = await rejection(mode.datasets.listForSpace(listingIds));
    expect(listed).toMatchObject({ kind: "invalid_response" });
    expectNoCredentials(listed);
    const iterated = await drain(mode.datasets.iterateForSpace(listingIds));
    expect(iterated.error).toMatchObject({ kind: "invalid_response" });
    expectNoCredentials(iterated.error);
  });

  // V8's SyntaxError quotes a short source whole: "Unexpected token 's', "s3cr/..." is not valid JSON".
  it("keeps them out of the error for a json-labelled body that does not parse, in the throwing layer", async () => {
    const server = await hostileServer((_request, response) =>
      sendRaw(response, 200, SECRET, "application/json"),
    );
    const error = await rejection(throwingClient(server.baseUrl).datasets.get(ids));
    expect(error).toMatchObject({ kind: "invalid_response" });
    expectNoCredentials(error);
  });

  it("keeps them out of the error for a json-labelled body that does not parse, in the plain client", async () => {
    const server = await hostileServer((_request, response) =>
      sendRaw(response, 200, SECRET, "application/json"),
    );
    const error = await rejection(plainClient(server.baseUrl).GET(path, { params: { path: ids } }));
    expect(error).toBeInstanceOf(ModeApiError);
    expect(error).toMatchObject({ kind: "invalid_response" });
    expectNoCredentials(error);
  });
});

describe("credentials over plain http", () => {
  it("refuses a baseUrl of http://anything.localhost at creation, in both layers", () => {
    // Nothing pins *.localhost to loopback in Node: it goes to whatever the resolver says.
    const baseUrl = "http://anything.localhost:8080/api";
    expect(() => plainClient(baseUrl)).toThrow(TypeError);
    expect(() => throwingClient(baseUrl)).toThrow(TypeError);
  });

  it("refuses a per-request baseUrl of http://anything.localhost before sending", async () => {
    const server = await hostileServer((_request, response) =>
      sendJson(response, 200, { token: ids.dataset }),
    );
    const error = await rejection(
      plainClient(server.baseUrl, { retry: false }).GET(path, {
        baseUrl: `http://anything.localhost:${server.port}/api`,
        params: { path: ids },
      }),
    );
    expect(error).toBeInstanceOf(TypeError);
    expect(server.seen).toHaveLength(0);
  });

  it("allows plain http to localhost, 127.0.0.0/8 and [::1]", () => {
    for (const baseUrl of [
      "http://localhost:8080/api",
      "http://127.0.0.1:8080/api",
      "http://127.45.6.7:8080/api",
      "http://[::1]:8080/api",
    ]) {
      expect(() => plainClient(baseUrl), baseUrl).not.toThrow();
    }
  });

  it("does not carry the authorization header across a redirect to another origin", async () => {
    const elsewhere = await hostileServer((_request, response) =>
      sendJson(response, 404, { id: "not_found", message: "not here" }),
    );
    const server = await hostileServer((_request, response) => {
      // Another port is another origin, though the host is the same.
      response.writeHead(307, { Location: `${elsewhere.baseUrl}/northwind/datasets/moved` });
      response.end();
    });
    await rejection(throwingClient(server.baseUrl).datasets.get(ids));
    expect(elsewhere.seen.map((seen) => seen.authorization)).toEqual([undefined]);
  });
});
