// Walking a workspace never loses Datasets silently: a Collection listing (or the Collections
// listing itself) that breaks halfway throws after the items before it, and a walk that stops
// early leaves no request hanging on the server.
import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import type { WorkspaceDataset } from "../../src/index.js";
import { drain, throwingClient } from "./helpers/hostile-client.js";
import { hostileServer, send, sendJson } from "./helpers/hostile-server.js";

const SPACES = 4;
const PAGES = 3;

/** Collections s0..s3, each with three pages of two Datasets, with `pagination` on each page. */
function answer(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? "/", "http://x");
  const page = Number(url.searchParams.get("page"));
  if (url.pathname === "/api/northwind/spaces") {
    const spaces = Array.from({ length: SPACES }, (_, i) => ({
      token: `s${i}`,
      name: `Collection ${i}`,
      _links: { self: { href: `/api/northwind/collections/s${i}` } },
    }));
    sendJson(response, 200, { _links: {}, _embedded: { spaces: page === 1 ? spaces : [] } });
    return;
  }
  const space = /\/spaces\/(\w+)\/datasets$/.exec(url.pathname)?.[1];
  sendJson(response, 200, {
    _links: {},
    _embedded: {
      reports: [0, 1].map((i) => ({ token: `${space}-p${page}-${i}`, type: "DatasetReport" })),
    },
    pagination: { page, total_pages: PAGES },
  });
}

const isPage = (request: IncomingMessage, space: string, page: number): boolean =>
  (request.url ?? "").startsWith(`/api/northwind/spaces/${space}/datasets?page=${page}`);
const tokensFrom = (items: WorkspaceDataset[], space: string): string[] =>
  items.filter((item) => item.space.token === space).map((item) => item.dataset.token);

describe("a collection listing that fails halfway", () => {
  it("throws a connection error when page 2 is cut off mid-body, after the items before it", async () => {
    const server = await hostileServer((request, response) => {
      if (!isPage(request, "s1", 2)) return answer(request, response);
      response.writeHead(200, { "Content-Type": "application/hal+json", "Content-Length": "500" });
      response.write('{"_embedded": {"reports": [{"token": "s1-p2-0"}');
      // The connection drops 450 bytes short of what was announced.
      setImmediate(() => response.destroy());
    });
    const { items, error } = await drain(
      throwingClient(server.baseUrl).iterateAllDatasets(
        { account: "northwind" },
        { concurrency: 2 },
      ),
    );
    expect(error).toMatchObject({ kind: "connection" });
    expect(tokensFrom(items, "s1")).toEqual(["s1-p1-0", "s1-p1-1"]);
    // Retried like any GET, then given up on: never read as the end of the listing.
    expect(server.seen.filter((seen) => seen.url.includes("/s1/datasets?page=2"))).toHaveLength(3);
  });

  it("throws an invalid-response error when page 2 comes back empty with 200", async () => {
    const server = await hostileServer((request, response) =>
      isPage(request, "s2", 2) ? send(response, 200, "") : answer(request, response),
    );
    const { items, error } = await drain(
      throwingClient(server.baseUrl).iterateAllDatasets({ account: "northwind" }),
    );
    expect(error).toMatchObject({ kind: "invalid_response", status: 200 });
    expect(tokensFrom(items, "s2")).toEqual(["s2-p1-0", "s2-p1-1"]);
  });

  it("throws the server error when page 2 answers 500 every time", async () => {
    const server = await hostileServer((request, response) =>
      isPage(request, "s0", 2)
        ? sendJson(response, 500, { id: "internal", message: "boom" })
        : answer(request, response),
    );
    const { error } = await drain(
      throwingClient(server.baseUrl).iterateAllDatasets({ account: "northwind" }),
    );
    expect(error).toMatchObject({ kind: "server", status: 500 });
  });

  it("throws when the collections listing itself breaks on its second page", async () => {
    const server = await hostileServer((request, response) => {
      if (
        (request.url ?? "").startsWith("/api/northwind/spaces?") &&
        request.url?.includes("page=2")
      )
        return sendJson(response, 200, { _links: {}, _embedded: { datasets: [] } });
      answer(request, response);
    });
    const { items, error } = await drain(
      throwingClient(server.baseUrl).iterateAllDatasets({ account: "northwind" }),
    );
    expect(error).toMatchObject({ kind: "invalid_response" });
    // Whatever was yielded before came from the collections of page 1, complete or not.
    for (const item of items) expect(item.space.token).toMatch(/^s[0-3]$/);
  });

  it("walks a whole healthy workspace, every dataset once", async () => {
    const server = await hostileServer(answer);
    const { items, error } = await drain(
      throwingClient(server.baseUrl).iterateAllDatasets(
        { account: "northwind" },
        { concurrency: 3 },
      ),
    );
    expect(error).toBeUndefined();
    expect(items).toHaveLength(SPACES * PAGES * 2);
    expect(new Set(items.map((item) => item.dataset.token)).size).toBe(items.length);
  });
});

describe("stopping early", () => {
  it("leaves no request open on the server when the caller breaks out", async () => {
    const open = new Set<ServerResponse>();
    let allClosed: (() => void) | undefined;
    const closed = new Promise<void>((resolve) => (allClosed = resolve));
    const server = await hostileServer((request, response) => {
      if (request.url?.includes("/s0/") || !request.url?.includes("/datasets"))
        return answer(request, response);
      // The other collections never answer: only the client can end these.
      open.add(response);
      response.on("close", () => {
        open.delete(response);
        if (open.size === 0) allClosed?.();
      });
    });
    const walk = throwingClient(server.baseUrl).iterateAllDatasets(
      { account: "northwind" },
      { concurrency: 3 },
    );
    const first = await walk.next();
    expect(first.value).toMatchObject({ space: { token: "s0" } });
    // Wait until both other listings have reached the server, then stop.
    while (open.size < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    await walk.return(undefined);
    await closed;
    expect(open.size).toBe(0);
  });
});
