// The simulator is a server other teams point their clients at, so bad input must get a clean
// error and never break it: malformed JSON, huge bodies, unknown and malformed paths, hostile
// headers, random requests of every shape, thousands of concurrent requests in process (and in
// connections.slow.test.ts, a thousand connections at once from another process). Afterwards it still answers, its report stays small, and its
// verdict is still the right one.
import { connect } from "node:net";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { createEngine, RESET } from "../../kit/simulator/engine.js";
import { serveSimulator, type SimulatorServer } from "../../kit/simulator/http/serve.js";
import { MAX_TIMELINE } from "../../kit/simulator/report/timeline.js";
import { basic, handDriven } from "./support/clients.js";

const ERROR_IDS = [
  "bad_request",
  "unauthorized",
  "not_found",
  "method_not_allowed",
  "payload_too_large",
  "rate_limited",
  "internal_server_error",
];

async function expectModeError(
  response: Response,
  status: number,
): Promise<{ id: string; message: string }> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/json");
  const body = await response.json();
  expect(ERROR_IDS).toContain(body.id);
  expect(typeof body.message).toBe("string");
  return body;
}

async function aDataset(sim: ReturnType<typeof handDriven>): Promise<string> {
  const space = (await sim.json("/northwind/spaces")).body._embedded.spaces[0].token;
  return (await sim.json(`/northwind/spaces/${space}/datasets?per_page=1000`)).body._embedded
    .reports[0].token;
}

describe("in process", () => {
  it("answers malformed JSON with 400 naming the problem", async () => {
    const sim = handDriven();
    const path = `/northwind/datasets/${await aDataset(sim)}`;
    const body = await expectModeError(
      await sim.send("PATCH", path, { body: '{"report": {"name": "x"' }),
      400,
    );
    expect(body.message).toMatch(/The body is not valid JSON: at byte 23 \(line 1, column 24\)/);
    // Said once, by the kit's own rule.
    expect(sim.engine.report().findings.map((f) => f.rule)).toEqual(["json-body"]);
  });

  it("answers a body that is not UTF-8 with 400 naming the byte", async () => {
    const sim = handDriven();
    const path = `/northwind/datasets/${await aDataset(sim)}`;
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('{"report": {"name": "'),
      0xff,
      ...new TextEncoder().encode('"}}'),
    ]);
    const body = await expectModeError(await sim.send("PATCH", path, { body: bytes }), 400);
    expect(body.message).toMatch(/byte 21 \(0xff\) begins no UTF-8 character/);
  });

  it("refuses a huge body with 413 without reading it all", async () => {
    const sim = handDriven();
    const path = `/northwind/datasets/${await aDataset(sim)}`;
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(32);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(chunk);
      },
    });
    const answer = await sim.engine.handle(
      new Request(`https://app.mode.com/api${path}`, {
        method: "PATCH",
        headers: { authorization: basic(), "content-type": "application/json" },
        body: endless,
        duplex: "half",
      } as RequestInit),
    );
    const body = await expectModeError(answer as Response, 413);
    expect(body.id).toBe("payload_too_large");
    expect(pulled).toBeLessThan(40);
  });

  it.each([
    ["a path the API does not have", "/northwind/nothing/here"],
    ["the root", "/"],
    ["/api alone", "/api"],
    ["a malformed escape", "/northwind/datasets/%zz"],
    ["encoded dot segments", "/northwind/datasets/..%2F..%2Fetc"],
    ["an encoded NUL", "/northwind/datasets/%00"],
    ["five thousand segments", `/northwind/${"a/".repeat(5_000)}`],
    ["a 100 000-character token", `/northwind/datasets/${"x".repeat(100_000)}`],
  ])("answers %s with a Mode error", async (_, path) => {
    const sim = handDriven();
    const response = await sim.send("GET", path);
    expect([400, 404]).toContain(response.status);
    await expectModeError(response, response.status);
  });

  it.each([
    ["a huge Authorization header", { authorization: `Basic ${"A".repeat(100_000)}` }, 401],
    ["Basic without credentials", { authorization: "Basic" }, 401],
    ["not Base64", { authorization: "Basic !!!not-base64!!!" }, 401],
    [
      "Base64 of binary",
      { authorization: `Basic ${Buffer.from([0, 255, 58, 1]).toString("base64")}` },
      200,
    ],
    ["another scheme", { authorization: "Bearer abc" }, 401],
    ["a nonsense Accept", { accept: "\u0001;;;q=zz,,/" }, 200],
    ["a nonsense Content-Type", { "content-type": "x/" }, 200],
    [
      "a thousand extra headers",
      Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`x-h${i}`, "v".repeat(100)])),
      200,
    ],
  ])("answers %s cleanly", async (_, headers, status) => {
    const sim = handDriven();
    const response = await sim.send("GET", "/northwind/spaces", { headers });
    expect(response.status).toBe(status);
    if (status !== 200) await expectModeError(response, status);
    else await response.arrayBuffer();
  });

  it("answers random requests of every shape with a status and, for errors, Mode's body", async () => {
    const sim = handDriven({ timeScale: 1000 });
    const segment = fc.oneof(
      fc.constantFrom(
        "northwind",
        "api",
        "datasets",
        "spaces",
        "runs",
        "reports",
        "data_sources",
        "verify",
        "..",
        "%2e",
        "%7B",
        "",
      ),
      fc.string({ maxLength: 20 }).map(encodeURIComponent),
    );
    const request = fc.record({
      method: fc.constantFrom("GET", "POST", "PATCH", "DELETE", "PUT", "HEAD", "OPTIONS"),
      segments: fc.array(segment, { maxLength: 7 }),
      query: fc.array(
        fc.tuple(
          fc.constantFrom("page", "per_page", "filter", "order", "order_by", "x"),
          fc.string({ maxLength: 30 }),
        ),
        { maxLength: 4 },
      ),
      body: fc.option(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
      ),
      credentials: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ method, segments, query, body, credentials }) => {
        sim.advance(1_000);
        const url = new URL(`https://app.mode.com/api/${segments.join("/")}`);
        for (const [name, value] of query) url.searchParams.append(name, value);
        const withBody = body !== null && !["GET", "HEAD"].includes(method);
        const answer = await sim.engine.handle(
          new Request(url, {
            method,
            headers: credentials
              ? { authorization: basic(), "content-type": "application/json" }
              : {},
            ...(withBody ? { body } : {}),
          }),
        );
        expect(answer).not.toBe(RESET);
        const response = answer as Response;
        expect(response.status).toBeGreaterThanOrEqual(200);
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400 && method !== "HEAD")
          await expectModeError(response, response.status);
        else await response.arrayBuffer();
      }),
      { numRuns: 400 },
    );
  });

  it("answers three thousand concurrent requests: 40 admitted, the rest 429, a warning and a pass", async () => {
    const sim = handDriven();
    const statuses = await Promise.all(
      Array.from({ length: 3_000 }, async () => {
        const response = await sim.send("GET", "/verify");
        await response.arrayBuffer();
        return response.status;
      }),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(40);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2_960);
    const report = sim.engine.report();
    // All were sent before any answer came back: none ignored a Retry-After it had seen.
    expect(report.findings.map((f) => `${f.severity} ${f.rule} ${f.count}`)).toEqual([
      "warning rate-limit/exceeded 2960",
    ]);
    expect(report.verdict).toBe("pass");
  });

  it("keeps its memory bounded: eight thousand varied bad requests leave a small report and timeline", async () => {
    const sim = handDriven({ timeScale: 1000 });
    for (let i = 0; i < 8_000; i++) {
      sim.advance(3);
      const response = await sim.send(
        "GET",
        `/northwind/spaces/${i.toString(16)}/datasets?junk${i % 700}=1&page=${i}`,
        {
          headers: { authorization: basic(`token-${i % 3_000}`, `secret-${i}`) },
        },
      );
      await response.arrayBuffer();
    }
    const report = sim.engine.report();
    expect(report.requests.total).toBe(8_000);
    expect(sim.engine.timeline().entries()).toHaveLength(MAX_TIMELINE);
    expect(report.findings.every((f) => f.evidence.length <= 12)).toBe(true);
    expect(JSON.stringify(report).length).toBeLessThan(600_000);
    expect(report.verdict).toBe("fail");
    expect(report.findings[0]?.rule).toBe("unknown-query-parameter");
  });
});

describe("over 127.0.0.1", () => {
  let server: SimulatorServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** Sends raw bytes and resolves with what came back before the server closed or went quiet. */
  function raw(port: number, bytes: string): Promise<string> {
    return new Promise((resolve) => {
      const socket = connect(port, "127.0.0.1");
      let received = "";
      const done = (): void => {
        socket.destroy();
        resolve(received);
      };
      // Generous: a thousand connections at once on a busy machine take a while to be served.
      socket.setTimeout(90_000, done);
      socket.on("data", (data) => {
        received += data.toString("latin1");
        if (/\r\n\r\n/.test(received) && /Content-Length: (\d+)/i.test(received)) {
          const length = Number(/Content-Length: (\d+)/i.exec(received)?.[1]);
          if (received.length - received.indexOf("\r\n\r\n") - 4 >= length) done();
        }
      });
      socket.on("close", done);
      socket.on("error", done);
      socket.write(bytes);
    });
  }

  it("answers garbage, oversized headers and absolute targets with 400 or 431, and goes on", async () => {
    const engine = createEngine();
    server = await serveSimulator(engine);
    expect(await raw(server.port, "GARBAGE\r\n\r\n")).toMatch(/^HTTP\/1\.1 400/);
    expect(
      await raw(
        server.port,
        `GET /verify HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(40_000)}\r\n\r\n`,
      ),
    ).toMatch(/^HTTP\/1\.1 431/);
    expect(
      await raw(server.port, "GET http://elsewhere.example/verify HTTP/1.1\r\nHost: x\r\n\r\n"),
    ).toMatch(/^HTTP\/1\.1 400/);
    const ok = await fetch(`${server.url}/api/verify`, { headers: { authorization: basic() } });
    expect(ok.status).toBe(200);
    await ok.arrayBuffer();
  });

  it("resets the connection of a write the fault cuts, after carrying it out", async () => {
    const engine = createEngine({ faults: "write-reset=1" });
    server = await serveSimulator(engine);
    const headers = {
      authorization: basic(),
      accept: "application/hal+json",
      "content-type": "application/json",
    };
    const spaces = await (await fetch(`${server.url}/api/northwind/spaces`, { headers })).json();
    const datasets = await (
      await fetch(
        `${server.url}/api/northwind/spaces/${spaces._embedded.spaces[0].token}/datasets`,
        { headers },
      )
    ).json();
    const url = `${server.url}/api/northwind/datasets/${datasets._embedded.reports[0].token}`;
    await expect(
      fetch(url, { method: "PATCH", headers, body: JSON.stringify({ report: { name: "Cut" } }) }),
    ).rejects.toThrow(/fetch failed/);
    expect((await (await fetch(url, { headers })).json()).name).toBe("Cut");
  });

  it("lets a client give up on a stalled body, and closes with it still open", async () => {
    const engine = createEngine({ faults: "stalled-body=2" });
    server = await serveSimulator(engine);
    const abort = new AbortController();
    const response = await fetch(`${server.url}/api/verify`, {
      headers: { authorization: basic() },
      signal: abort.signal,
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    abort.abort();
    await expect(reader.read()).rejects.toThrow();
    const second = await fetch(`${server.url}/api/verify`, { headers: { authorization: basic() } });
    await (second.body as ReadableStream<Uint8Array>).getReader().read();
    // close() must not wait for the stalled answer still open.
    await server.close();
    server = undefined;
  });
});
