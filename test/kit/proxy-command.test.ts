// `npm run proxy -- <upstream>` in front of a fake of Mode (a real node:http server on a free
// loopback port) that answers one Dataset correctly and one that breaks the spec.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spec } from "../support/bundled-spec.js";
import { isAlive, startScript } from "./run-script.js";

const goodDataset = spec.components.examples["Dataset"]?.value;

let upstream: Server;
let upstreamUrl: string;
const upstreamSaw: string[] = [];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    upstreamSaw.push(`${req.method} ${req.url}`);
    req.resume();
    req.on("end", () => {
      if (req.url?.endsWith("/datasets/broken")) {
        // A Dataset with most required fields missing and a number for a name.
        res.writeHead(200, { "content-type": "application/hal+json" });
        res.end(JSON.stringify({ token: "broken", name: 42 }));
        return;
      }
      res.writeHead(200, { "content-type": "application/hal+json" });
      res.end(JSON.stringify(goodDataset));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  const address = upstream.address();
  if (!address || typeof address !== "object") throw new Error("no upstream address");
  // A path prefix, as in https://app.mode.com/api: Prism appends request paths to it.
  upstreamUrl = `http://127.0.0.1:${address.port}/api`;
});

afterAll(async () => {
  upstream.closeAllConnections();
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

const basic = `Basic ${Buffer.from("example-token:example-secret").toString("base64")}`;

describe("npm run proxy", { timeout: 60_000 }, () => {
  it("forwards good exchanges, refuses and reports bad ones, and prints a summary on Ctrl-C", async () => {
    const proxy = startScript("proxy", [upstreamUrl, "--port", "0"]);
    try {
      const [, base] = await proxy.waitFor(/Validating proxy at (http:\/\/127\.0\.0\.1:\d+)/);
      const [, pid] = await proxy.waitFor(/Prism pid (\d+)/);

      const good = await fetch(`${base}/northwind/datasets/5a4177a2902c`, {
        headers: { Authorization: basic, Accept: "application/hal+json" },
      });
      expect(good.status).toBe(200);
      expect(good.headers.get("sl-violations")).toBeNull();
      expect(await good.json()).toEqual(goodDataset);

      const broken = await fetch(`${base}/northwind/datasets/broken`, {
        headers: { Authorization: basic, Accept: "application/hal+json" },
      });
      // The upstream's answer as it was, with what is wrong with it beside.
      expect(broken.status).toBe(200);
      expect(await broken.json()).toEqual({ token: "broken", name: 42 });
      expect(JSON.parse(broken.headers.get("sl-violations") ?? "[]")).toContainEqual(
        expect.objectContaining({ location: ["response", "body", "name"], code: "type" }),
      );

      const unwrapped = await fetch(`${base}/northwind/datasets/5a4177a2902c`, {
        method: "PATCH",
        headers: { Authorization: basic, "Content-Type": "application/json" },
        body: JSON.stringify({ name: "Renamed" }),
      });
      expect(unwrapped.status).toBe(422);

      const anonymous = await fetch(`${base}/northwind/datasets/5a4177a2902c`);
      expect(anonymous.status).toBe(401);

      // Invalid requests never reached the server behind the proxy.
      expect(upstreamSaw).toEqual([
        "GET /api/northwind/datasets/5a4177a2902c",
        "GET /api/northwind/datasets/broken",
      ]);

      await proxy.waitFor(/✖ 401 GET \/northwind\/datasets\/5a4177a2902c getDataset/);
      expect(proxy.output()).toMatch(/✔ 200 GET \/northwind\/datasets\/5a4177a2902c getDataset/);
      expect(proxy.output()).toMatch(
        /✖ 200 GET \/northwind\/datasets\/broken getDataset\n\s+response\.body \(required\)/,
      );
      expect(proxy.output()).toMatch(
        /✖ 422 PATCH \/northwind\/datasets\/5a4177a2902c updateDataset\n\s+request\.body \(required\)/,
      );

      proxy.child.kill("SIGINT");
      const code = await proxy.exited;
      expect(proxy.output()).toContain("proxy: 4 request(s), 3 broke the contract");
      expect(proxy.output()).toContain("proxy: FAIL: 3 request(s) broke the contract");
      expect(proxy.output()).toMatch(/^getDataset\s+response\.body\.name \(type\): .*\s1$/m);
      expect(proxy.output()).toMatch(/^updateDataset\s+request\.body \(required\): .*\s1$/m);
      expect(code).toBe(1);
      expect(isAlive(Number(pid))).toBe(false);
    } finally {
      // SIGTERM, not SIGKILL: the script must get the chance to stop its Prism.
      if (proxy.child.exitCode === null) proxy.child.kill("SIGTERM");
    }
  });

  it("stops after --max-requests and writes the JUnit and JSON reports, for CI", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mode-proxy-reports-"));
    const proxy = startScript("proxy", [
      upstreamUrl,
      "--port",
      "0",
      "--max-requests",
      "2",
      "--junit",
      join(dir, "proxy.xml"),
      "--json",
      join(dir, "proxy.json"),
    ]);
    try {
      const [, base] = await proxy.waitFor(/Validating proxy at (http:\/\/127\.0\.0\.1:\d+)/);
      const headers = { Authorization: basic, Accept: "application/hal+json" };
      await (await fetch(`${base}/northwind/datasets/5a4177a2902c`, { headers })).arrayBuffer();
      // An unfilled placeholder: the kit's own rule refuses it before it reaches the server.
      const placeholder = await fetch(`${base}/northwind/datasets/%7Bdataset%7D`, { headers });
      expect(placeholder.status).toBe(422);
      expect(await proxy.exited).toBe(1);
      const summary = JSON.parse(readFileSync(join(dir, "proxy.json"), "utf8"));
      expect(summary).toMatchObject({ mode: "proxy", verdict: "fail", exitCode: 1 });
      expect(summary.requests.total).toBe(2);
      const xml = readFileSync(join(dir, "proxy.xml"), "utf8");
      expect(xml).toContain("unfilled-path-placeholder");
      expect(xml).toContain("<failure ");
    } finally {
      if (proxy.child.exitCode === null) proxy.child.kill("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ["file:///etc/", "upstream must be https:// (or http:// to this machine), got a file: URL"],
    ["http://192.0.2.1/api", "plain http:// to 192.0.2.1 sends the client's credentials"],
  ])("refuses the upstream %s before starting anything", async (url, message) => {
    const proxy = startScript("proxy", [url, "--port", "0"]);
    expect(await proxy.exited).toBe(2);
    expect(proxy.output()).toContain(message);
    expect(proxy.output()).not.toContain("Validating proxy");
  });

  it("takes plain http to another host with --allow-plain-http, and warns", async () => {
    // 192.0.2.0/24 is reserved for documentation: nothing is ever sent there.
    const proxy = startScript("proxy", ["http://192.0.2.1/api", "--port=0", "--allow-plain-http"]);
    try {
      await proxy.waitFor(/Validating proxy at/);
      expect(proxy.output()).toContain(
        "WARNING: plain http:// to 192.0.2.1 sends the client's credentials across the network in clear",
      );
    } finally {
      proxy.child.kill("SIGTERM");
      await proxy.exited;
    }
  });

  it("refuses an upstream that is not a URL, naming it", async () => {
    const proxy = startScript("proxy", ["app.mode.com"]);
    expect(await proxy.exited).toBe(2);
    expect(proxy.output()).toContain(
      'upstream must be an absolute URL such as https://app.mode.com/api, got "app.mode.com"',
    );
  });
});
