// `mode-datasets mock` (`npm run mock`): the validating mock for other clients, on a port of the
// caller's choosing.
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { freePort } from "../../kit/prism/launcher.js";
import { startScript, type RunningScript } from "./run-script.js";

const basic = `Basic ${Buffer.from("example-token:example-secret").toString("base64")}`;

async function stopped(mock: RunningScript): Promise<void> {
  if (mock.child.exitCode === null) mock.child.kill("SIGTERM");
  await mock.exited;
}

describe("npm run mock", { timeout: 60_000 }, () => {
  it("serves the spec on the port given with --port and explains how to read violations", async () => {
    const port = await freePort();
    const mock = startScript("mock", ["--port", String(port)]);
    try {
      const [, base] = await mock.waitFor(
        /Mode Datasets mock \(Prism, validating\) at (http:\/\/127\.0\.0\.1:\d+)/,
      );
      expect(base).toBe(`http://127.0.0.1:${port}`);
      expect(mock.output()).toContain(`MODE_BASE_URL=${base}`);
      expect(mock.output()).toContain("sl-violations");

      const good = await fetch(`${base}/northwind/datasets/5a4177a2902c`, {
        headers: { Authorization: basic, Accept: "application/hal+json" },
      });
      expect(good.status).toBe(200);
      expect(good.headers.get("sl-violations")).toBeNull();

      const bad = await fetch(`${base}/northwind/spaces/8f2c6d1e9b4a/datasets?order=sideways`, {
        headers: { Authorization: basic },
      });
      expect(bad.status).toBe(400);
      expect(JSON.parse(bad.headers.get("sl-violations") ?? "[]")).toEqual([
        expect.objectContaining({
          location: ["request", "query", "order"],
          code: "enum",
          severity: "Error",
        }),
      ]);
      // Prism's log is echoed live, with the violation under the request.
      await mock.waitFor(/Violation: request\.query\.order/);

      // An error answer on demand, with the Accept header a HAL client sends.
      for (const status of [400, 401, 404, 429, 500]) {
        const forced = await fetch(`${base}/northwind/datasets/5a4177a2902c`, {
          headers: {
            Authorization: basic,
            Accept: "application/hal+json",
            Prefer: `code=${status}`,
          },
        });
        expect(forced.status).toBe(status);
        expect(forced.headers.get("content-type")).toMatch(/^application\/json/);
      }
      expect(mock.output()).toContain("Prefer: code=404");

      // Result content is sent whatever Accept says, so a client asking for HAL there (as real
      // clients do) gets the rows, and an error on demand still comes as Mode's JSON.
      const content = `${base}/northwind/reports/7f3c2a9d41b8/runs/a1f3c5e7d902/results/content`;
      for (const [extension, type] of [
        ["csv", /^text\/csv/],
        ["json", /^application\/json/],
      ] as const) {
        const rows = await fetch(`${content}.${extension}`, {
          headers: { Authorization: basic, Accept: "application/hal+json" },
        });
        expect(rows.status).toBe(200);
        expect(rows.headers.get("content-type")).toMatch(type);
        const missing = await fetch(`${content}.${extension}`, {
          headers: { Authorization: basic, Accept: "application/hal+json", Prefer: "code=404" },
        });
        expect(missing.status).toBe(404);
        expect(missing.headers.get("content-type")).toMatch(/^application\/json/);
      }
    } finally {
      await stopped(mock);
    }
    // Stopping the script stopped Prism: nothing answers on the port any more.
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });

  it("takes the port from PORT too", async () => {
    const port = await freePort();
    const mock = startScript("mock", [], { PORT: String(port) });
    try {
      const [, base] = await mock.waitFor(/mock \(Prism, validating\) at (http:\/\/\S+)/);
      expect(base).toBe(`http://127.0.0.1:${port}`);
    } finally {
      await stopped(mock);
    }
  });

  it("exits 0 on Ctrl-C, saying it stopped", async () => {
    const mock = startScript("mock", ["--port", "0"]);
    await mock.waitFor(/Ctrl-C stops the mock/);
    mock.child.kill("SIGINT");
    expect(await mock.exited).toBe(0);
    expect(mock.output()).toContain("mock: stopped");
    expect(mock.output()).not.toContain("exited with");
  });

  it("names a port that is already taken and fails before printing any banner", async () => {
    // Another process answers HTTP on the port, as another mock would.
    const taken = createServer((socket) =>
      socket.end("HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n"),
    );
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const address = taken.address();
    if (!address || typeof address !== "object") throw new Error("no address");
    try {
      const mock = startScript("mock", ["--port", String(address.port)]);
      expect(await mock.exited).toBe(2);
      expect(mock.output()).toContain(`port ${address.port} on 127.0.0.1 is already in use`);
      expect(mock.output()).not.toContain("Mode Datasets mock");
      expect(mock.output()).not.toContain("Usage:");
    } finally {
      taken.close();
    }
  });

  it("refuses a port that is not a number, naming it", async () => {
    const mock = startScript("mock", ["--port", "forty"]);
    expect(await mock.exited).toBe(2);
    expect(mock.output()).toContain('port must be an integer from 0 to 65535, got "forty"');
  });
});
