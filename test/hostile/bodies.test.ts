// Hostile bodies cost bounded work and memory, and a body that is not what the operation
// promises is never handed back as if it were; one that does not matter (a DELETE's) is ignored.
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ModeApiError, type ModeDatasets } from "../../src/index.js";
import { hostileServer, send, sendJson, streamUntilClosed } from "./helpers/hostile-server.js";
import { plainClient, rejection, throwingClient } from "./helpers/hostile-client.js";

const path = "/{account}/datasets/{dataset}";
const ids = { account: "northwind", dataset: "5a4177a2902c" };
const MiB = 1024 * 1024;
const dataset = {
  token: "5a4177a2902c",
  id: 4312,
  name: "Orders by region",
  _links: { self: { href: "/api/northwind/datasets/5a4177a2902c" } },
};

/** CPU time (user + system, in ms) this process spends while `run` is in progress. */
async function cpuMsOf(run: () => Promise<unknown>): Promise<number> {
  const start = process.cpuUsage();
  await run();
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

function expectTooLarge(error: unknown): void {
  expect(error).toBeInstanceOf(ModeApiError);
  expect(error).toMatchObject({ name: "ModeResponseTooLargeError", kind: "response_too_large" });
}

describe("html error pages", () => {
  it("summarises an html 502 as one short line", async () => {
    const server = await hostileServer((_request, response) =>
      send(response, 502, "<html><body><h1>502 Bad Gateway</h1>\n<hr>nginx</body></html>", {
        "Content-Type": "text/html",
      }),
    );
    const error = await rejection(
      throwingClient(server.baseUrl, { retry: false }).datasets.get(ids),
    );
    expect((error as Error).message).toBe(
      "GET /{account}/datasets/{dataset} failed with 502: 502 Bad Gateway nginx",
    );
  });

  // CPU time rather than wall-clock time, and compared with a benign page of the same size, so
  // a busy machine does not decide the outcome: a quadratic scan of 80,000 "<" costs seconds of
  // CPU, a linear one with a length cap about what the benign page costs.
  it("summarises an html 502 of 80,000 '<' in linear time", {
    timeout: 120_000,
  }, async () => {
    let page = "";
    const server = await hostileServer((_request, response) =>
      send(response, 502, page, { "Content-Type": "text/html" }),
    );
    const mode = throwingClient(server.baseUrl, { retry: false });
    page = "a".repeat(80_000);
    const benignMs = await cpuMsOf(() => rejection(mode.datasets.get(ids)));
    page = "<".repeat(80_000);
    let error: unknown;
    const hostileMs = await cpuMsOf(async () => {
      error = await rejection(mode.datasets.get(ids));
    });
    expect(error).toMatchObject({ kind: "server", status: 502 });
    expect((error as Error).message.length).toBeLessThanOrEqual(300);
    expect(hostileMs).toBeLessThan(Math.max(500, 20 * benignMs));
  });
});

describe("response size limit", () => {
  it("refuses a streamed response longer than maxResponseBytes while reading it", async () => {
    const cap = 64 * MiB;
    let written: Promise<number> = Promise.resolve(0);
    const server = await hostileServer((_request, response) => {
      // Chunked, no Content-Length: only counting while reading can stop it.
      response.writeHead(200, { "Content-Type": "application/hal+json" });
      written = streamUntilClosed(response, new Uint8Array(64 * 1024).fill(0x20), cap);
    });
    const mode = throwingClient(server.baseUrl, { maxResponseBytes: MiB });
    const error = await rejection(mode.datasets.get(ids));
    expectTooLarge(error);
    // The next attempt would be just as large: not retried.
    expect(error).toMatchObject({ status: 200, attempts: 1 });
    expect(server.seen).toHaveLength(1);
    expect(await written).toBeLessThan(cap);
  });

  it("refuses a response announcing more than the default 10 MiB", async () => {
    const body = `${" ".repeat(10 * MiB - 1)}{}`;
    const server = await hostileServer((_request, response) => send(response, 200, body));
    expectTooLarge(await rejection(throwingClient(server.baseUrl).datasets.get(ids)));
  });

  it("accepts a response just under maxResponseBytes", async () => {
    const text = JSON.stringify(dataset);
    const body = `${text}${" ".repeat(MiB - text.length - 16)}`;
    const server = await hostileServer((_request, response) => send(response, 200, body));
    const mode = throwingClient(server.baseUrl, { maxResponseBytes: MiB });
    expect(await mode.datasets.get(ids)).toEqual(dataset);
  });

  it("refuses a gzip bomb under the default limit", async () => {
    // 32 MiB of JSON whitespace packs into about 32 KiB: the limit counts decoded bytes.
    const bomb = gzipSync(Buffer.alloc(32 * MiB, 0x20));
    const server = await hostileServer((_request, response) =>
      send(response, 200, bomb, {
        "Content-Type": "application/hal+json",
        "Content-Encoding": "gzip",
      }),
    );
    expectTooLarge(await rejection(throwingClient(server.baseUrl).datasets.get(ids)));
  });

  it("throws the size error from the plain client too", async () => {
    const server = await hostileServer((_request, response) =>
      send(response, 200, `${" ".repeat(2 * MiB)}{}`),
    );
    const client = plainClient(server.baseUrl, { maxResponseBytes: MiB });
    expectTooLarge(await rejection(client.GET(path, { params: { path: ids } })));
  });

  it("refuses an error body over the limit with its status", async () => {
    const server = await hostileServer((_request, response) =>
      send(response, 502, `<html>${"x".repeat(2 * MiB)}</html>`, { "Content-Type": "text/html" }),
    );
    const mode = throwingClient(server.baseUrl, { maxResponseBytes: MiB, retry: false });
    const error = await rejection(mode.datasets.get(ids));
    expectTooLarge(error);
    expect(error).toMatchObject({ status: 502 });
  });
});

describe("success bodies that are not the promised resource", () => {
  it("does not return a 200 body of null, an array, a number or a string as the dataset", async () => {
    const bodies = ["null", "[]", "42", '"ok"'];
    const server = await hostileServer((_request, response, index) =>
      send(response, 200, bodies[index] ?? "null"),
    );
    const mode: ModeDatasets = throwingClient(server.baseUrl);
    for (const body of bodies) {
      const error = await rejection(mode.datasets.get(ids));
      expect(error, body).toMatchObject({ kind: "invalid_response", status: 200 });
    }
  });

  it("does not return a 200 body of null as the updated dataset or the new run", async () => {
    const server = await hostileServer((_request, response) => send(response, 200, "null"));
    const mode: ModeDatasets = throwingClient(server.baseUrl);
    const updated = await rejection(mode.datasets.update(ids, { name: "Orders" }));
    expect(updated).toMatchObject({ kind: "invalid_response", status: 200 });
    const run = await rejection(
      mode.reports.refreshDatasets({ account: "northwind", report: "7f3c2a9d41b8" }, ["d1"]),
    );
    expect(run).toMatchObject({ kind: "invalid_response", status: 200 });
  });
});

describe("delete", () => {
  it("accepts a delete answered 200 text/plain OK in the throwing layer", async () => {
    const server = await hostileServer((_request, response) =>
      send(response, 200, "OK", { "Content-Type": "text/plain" }),
    );
    await expect(throwingClient(server.baseUrl).datasets.delete(ids)).resolves.toBeUndefined();
    expect(server.seen.map((seen) => seen.method)).toEqual(["DELETE"]);
  });

  it("accepts a delete answered 200 text/plain OK in the plain client", async () => {
    const server = await hostileServer((_request, response) =>
      send(response, 200, "OK", { "Content-Type": "text/plain" }),
    );
    const { error, response } = await plainClient(server.baseUrl).DELETE(path, {
      params: { path: ids },
    });
    expect(response.status).toBe(200);
    expect(error).toBeUndefined();
  });

  it("accepts a delete answered 204 or 200 with json", async () => {
    const server = await hostileServer((_request, response, index) => {
      if (index === 0) {
        response.writeHead(204);
        response.end();
        return;
      }
      sendJson(response, 200, { token: ids.dataset, state: "deleted" });
    });
    const mode = throwingClient(server.baseUrl);
    await expect(mode.datasets.delete(ids)).resolves.toBeUndefined();
    await expect(mode.datasets.delete(ids)).resolves.toBeUndefined();
  });
});
