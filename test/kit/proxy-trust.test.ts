// `mode-datasets proxy`, built, in front of a careless upstream on 127.0.0.1 (fixtures/
// hostile-upstream.ts): what a team running it in CI with real credentials must be able to trust.
// Every answer reaches the client as the upstream gave it; nothing is sent anywhere but the
// upstream; what the kit refuses never reaches it; and every request is in the report, the one
// still in flight when the kit is stopped included. One proxy serves the file, in order.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawRequest } from "./fixtures/raw-http.js";
import { startUpstreams, type Upstreams } from "./fixtures/hostile-upstream.js";
import { startScript, type RunningScript } from "./run-script.js";

const secret = "s3cr3t-proxy-trust";
const querySecret = "q5ecret-in-the-query";
const basic = `Basic ${Buffer.from(`example-token:${secret}`).toString("base64")}`;
const headers = { Authorization: basic, Accept: "application/hal+json" };
const MAX = 1024 * 1024;

let upstreams: Upstreams;
let proxy: RunningScript;
let base: string;
let port: number;
let dir: string;
/** What each test expects the report to hold for its requests: [method, url, status, codes]. */
const expected: Array<[string, string, number, string[]]> = [];

beforeAll(async () => {
  upstreams = await startUpstreams();
  dir = mkdtempSync(join(tmpdir(), "mode-proxy-trust-"));
  proxy = startScript("proxy", [
    upstreams.url,
    "--port=0",
    `--max-body-bytes=${MAX}`,
    "--grace-ms",
    "1000",
    "--json",
    join(dir, "report.json"),
  ]);
  [, base = ""] = await proxy.waitFor(/Validating proxy at (http:\/\/127\.0\.0\.1:\d+)/);
  port = Number(new URL(base).port);
}, 60_000);

afterAll(async () => {
  if (proxy.child.exitCode === null) proxy.child.kill("SIGTERM");
  await proxy.exited;
  await upstreams.close();
  rmSync(dir, { recursive: true, force: true });
});

const raw = (head: string, body?: Buffer | string | number) => rawRequest(port, head, body);
const seenPaths = (): string[] => upstreams.seen.map((s) => s.url);

describe("mode-datasets proxy in front of a careless upstream", { timeout: 60_000 }, () => {
  it("hands a redirect to the client as it is and sends nothing to where it points", async () => {
    const answer = await fetch(`${base}/northwind/datasets/redirected`, {
      headers,
      redirect: "manual",
    });
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\//);
    expect(upstreams.elsewhere).toEqual([]);
    expect(seenPaths()).toContain("/api/northwind/datasets/redirected");
    expected.push(["GET", "/northwind/datasets/redirected", 302, ["undocumented-status"]]);
  });

  it("passes an upstream 501 through, never the mock's example in its place", async () => {
    const answer = await fetch(`${base}/northwind/datasets/unimplemented`, { headers });
    expect(answer.status).toBe(501);
    expect(await answer.text()).toBe("not implemented here");
    expected.push(["GET", "/northwind/datasets/unimplemented", 501, ["undocumented-status"]]);
  });

  it("passes a status the operation does not document through, and finds it", async () => {
    const answer = await fetch(`${base}/northwind/datasets/teapot`, { headers });
    expect(answer.status).toBe(418);
    expect(await answer.text()).toBe("I'm a teapot");
    const violations = JSON.parse(answer.headers.get("sl-violations") ?? "[]");
    expect(violations).toContainEqual(
      expect.objectContaining({ code: "undocumented-status", severity: "Error" }),
    );
    expected.push(["GET", "/northwind/datasets/teapot", 418, ["undocumented-status"]]);
  });

  it.each([
    "/northwind/datasets/../spaces",
    "/northwind/datasets/%2e%2e/spaces",
    "/northwind/datasets/.%2e/spaces",
    "/northwind/datasets/%2E./spaces",
    "/northwind/datasets/./5a4177a2902c",
    "/northwind\\..\\datasets/5a4177a2902c",
    "/northwind/datasets/%5c..%5c5a4177a2902c",
    "/northwind/datasets/..%2f5a4177a2902c",
    "/northwind/datasets/%252e%252e/spaces",
    "/northwind/datasets/..;/5a4177a2902c",
  ])("refuses the dot segment in %s and never forwards it", async (path) => {
    const before = upstreams.seen.length;
    const answer = await raw(`GET ${path} HTTP/1.1\r\nhost: x\r\nauthorization: ${basic}`);
    expect(answer.status).toBe(400);
    expect(answer.text).toContain("dot-path-segment");
    expect(upstreams.seen.length).toBe(before);
    expected.push(["GET", path, 400, ["dot-path-segment"]]);
  });

  it("answers 413 on a declared length over --max-body-bytes, before a byte is sent", async () => {
    const before = upstreams.seen.length;
    const path = "/northwind/datasets/5a4177a2902c";
    // Headers only: a kit that waited for the body would never answer.
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () =>
        socket.write(
          `PATCH ${path} HTTP/1.1\r\nhost: x\r\nauthorization: ${basic}\r\ncontent-type: application/json\r\ncontent-length: ${MAX + 1}\r\n\r\n`,
        ),
      );
      let text = "";
      socket.on("data", (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes("\r\n\r\n")) {
          socket.destroy();
          resolve(text);
        }
      });
      socket.on("error", reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(upstreams.seen.length).toBe(before);
    expected.push(["PATCH", path, 413, ["body-too-large"]]);
  });

  it("stops a 100 MB chunked body at --max-body-bytes with 413, never forwarding it", async () => {
    const before = upstreams.seen.length;
    const path = "/northwind/datasets/5a4177a2902c";
    const answer = await raw(
      `PATCH ${path} HTTP/1.1\r\nhost: x\r\nauthorization: ${basic}\r\ncontent-type: application/json`,
      100 * 1024 * 1024,
    );
    expect(answer.status).toBe(413);
    expect(answer.sent).toBeLessThan(100 * 1024 * 1024);
    expect(upstreams.seen.length).toBe(before);
    // The kit is still there for the next request.
    const after = await fetch(`${base}${path}`, { headers });
    expect(after.status).toBe(200);
    expected.push(["PATCH", path, 413, ["body-too-large"]], ["GET", path, 200, []]);
  });

  it("refuses a body that is not JSON, or not UTF-8, where the operation takes JSON", async () => {
    const before = upstreams.seen.length;
    const path = "/northwind/datasets/5a4177a2902c";
    for (const body of [
      Buffer.from("report[name]=Orders"),
      Buffer.concat([
        Buffer.from('{"report":{"name":"Caf'),
        Buffer.from([0xe9]),
        Buffer.from('"}}'),
      ]),
    ]) {
      const answer = await fetch(`${base}${path}`, {
        method: "PATCH",
        headers: { ...headers, "Content-Type": "application/json" },
        body,
      });
      expect(answer.status).toBe(422);
      expected.push(["PATCH", path, 422, ["json-body"]]);
    }
    expect(upstreams.seen.length).toBe(before);
  });

  it("is no open proxy: absolute URLs, CONNECT and a Host of elsewhere go nowhere else", async () => {
    const before = upstreams.seen.length;
    const elsewhere = new URL(upstreams.url);
    const absolute = `http://${elsewhere.host}/api/northwind/datasets/5a4177a2902c`;
    expect((await raw(`GET ${absolute} HTTP/1.1\r\nhost: ${elsewhere.host}`)).status).toBe(400);
    expect(
      (await raw(`CONNECT ${elsewhere.host} HTTP/1.1\r\nhost: ${elsewhere.host}`)).status,
    ).toBe(405);
    expect(upstreams.seen.length).toBe(before);
    expected.push(
      ["GET", absolute, 400, ["request-target"]],
      ["CONNECT", elsewhere.host, 405, ["request-target"]],
    );
    // The Host header names no destination: the request goes to the configured upstream.
    const tricked = await raw(
      `GET /northwind/datasets/5a4177a2902c HTTP/1.1\r\nhost: evil.example\r\nauthorization: ${basic}\r\naccept: application/hal+json`,
    );
    expect(tricked.status).toBe(200);
    expect(upstreams.seen.at(-1)?.headers.host).toBe(elsewhere.host);
    expect(upstreams.elsewhere).toEqual([]);
    expected.push(["GET", "/northwind/datasets/5a4177a2902c", 200, []]);
  });

  it("counts 2,000 requests sent at once, every one", async () => {
    const path = "/northwind/datasets/5a4177a2902c";
    const before = upstreams.seen.length;
    const outcomes = await Promise.all(
      Array.from({ length: 2_000 }, async () => {
        try {
          const answer = await fetch(`${base}${path}`, { headers });
          const text = await answer.text();
          return answer.status === 200 ? "200" : `${answer.status} ${text.slice(0, 200)}`;
        } catch (error) {
          return `failed: ${String((error as Error).cause ?? error)}`;
        }
      }),
    );
    const counts: Record<string, number> = {};
    for (const outcome of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1;
    expect(counts).toEqual({ "200": 2_000 });
    expect(upstreams.seen.length - before).toBe(2_000);
    for (let i = 0; i < 2_000; i++) expected.push(["GET", path, 200, []]);
  });

  it("sends a secret in the query on to the upstream, and shows it nowhere", async () => {
    const path = `/northwind/datasets/5a4177a2902c?api_secret=${querySecret}`;
    const answer = await fetch(`${base}${path}`, { headers });
    expect(answer.status).toBe(422);
    expected.push([
      "GET",
      "/northwind/datasets/5a4177a2902c?api_secret=[redacted]",
      422,
      ["unknown-query-parameter"],
    ]);
    await proxy.waitFor(/api_secret=\[redacted\]/);
  });

  it("reports every request it saw, the one in flight at SIGTERM too, and never the secret", async () => {
    const path = "/northwind/datasets/hang";
    const inFlight = fetch(`${base}${path}`, { headers }).catch((error: Error) => error);
    await upstreams.hanging;
    proxy.child.kill("SIGTERM");
    expect(await proxy.exited).toBe(1);
    expect(await inFlight).toBeInstanceOf(Error);
    expected.push(["GET", path, 0, ["unanswered"]]);

    const text = readFileSync(join(dir, "report.json"), "utf8");
    const report = JSON.parse(text);
    expect(report.verdict).toBe("fail");
    const got = (
      report.exchanges as Array<{
        method: string;
        url: string;
        status: number;
        violations: { code: string }[];
      }>
    ).map((e) => [e.method, e.url, e.status, [...new Set(e.violations.map((v) => v.code))]]);
    const key = (row: unknown[]): string => JSON.stringify(row);
    expect(got.map(key).sort()).toEqual(expected.map(key).sort());
    const leaks = [secret, querySecret, Buffer.from(`example-token:${secret}`).toString("base64")];
    for (const leak of leaks) {
      expect(text).not.toContain(leak);
      expect(proxy.output()).not.toContain(leak);
    }
  });
});
