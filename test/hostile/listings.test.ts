// A listing never loses items silently and never repeats them: a page that breaks the listing
// in the middle throws, running into maxPages throws unless the caller chose to stop there, and
// pages that come round again (in a cycle of any length) end the listing instead of repeating.
import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { ModeApiError, paginate, type IterateOptions } from "../../src/index.js";
import { hostileServer, send, sendJson } from "./helpers/hostile-server.js";
import { drain, plainClient, throwingClient } from "./helpers/hostile-client.js";

const ids = { account: "northwind", space: "8f2c6d1e9b4a" };
const spacePath = "/{account}/spaces/{space}/datasets";

const item = (token: string) => ({ token, name: `Dataset ${token}`, type: "DatasetReport" });

function page(response: ServerResponse, tokens: string[], totalPages?: number): void {
  sendJson(response, 200, {
    _embedded: { reports: tokens.map(item) },
    ...(totalPages === undefined ? {} : { pagination: { page: 1, total_pages: totalPages } }),
  });
}

function pageNumber(url: string | undefined): number {
  return Number(new URL(url ?? "/", "http://x").searchParams.get("page"));
}

const tokensOf = (items: { token: string }[]): string[] => items.map((entry) => entry.token);

/** Page n holds d{n}a and d{n}b, for ever. */
async function endlessListing() {
  return hostileServer((request, response) => {
    const n = pageNumber(request.url);
    page(response, [`d${n}a`, `d${n}b`]);
  });
}

describe("a page that breaks the listing", () => {
  it("throws on an empty 200 in the middle, after the items before it", async () => {
    const server = await hostileServer((request, response) => {
      if (pageNumber(request.url) === 1) return page(response, ["d1a", "d1b"], 3);
      send(response, 200, "");
    });
    const { items, error } = await drain(
      throwingClient(server.baseUrl).datasets.iterateForSpace(ids),
    );
    expect(tokensOf(items)).toEqual(["d1a", "d1b"]);
    expect(error).toMatchObject({ kind: "invalid_response", status: 200 });
  });

  it("throws on a page without its _embedded array in the middle", async () => {
    const server = await hostileServer((request, response) => {
      if (pageNumber(request.url) === 1) return page(response, ["d1a", "d1b"], 3);
      sendJson(response, 200, { pagination: { page: 2, total_pages: 3 } });
    });
    const { items, error } = await drain(
      throwingClient(server.baseUrl).datasets.iterateForSpace(ids),
    );
    expect(tokensOf(items)).toEqual(["d1a", "d1b"]);
    expect(error).toMatchObject({ kind: "invalid_response" });
  });

  it("ends on a page whose items array is empty", async () => {
    const server = await hostileServer((request, response) =>
      page(response, pageNumber(request.url) === 1 ? ["d1a"] : []),
    );
    const { items, error } = await drain(
      throwingClient(server.baseUrl).datasets.iterateForSpace(ids),
    );
    expect(tokensOf(items)).toEqual(["d1a"]);
    expect(error).toBeUndefined();
  });
});

describe("maxPages", () => {
  it("throws a max-pages error by default when the listing goes on", async () => {
    const server = await endlessListing();
    const options: IterateOptions = { maxPages: 3 };
    const { items, error } = await drain(
      throwingClient(server.baseUrl).datasets.iterateForSpace(ids, options),
    );
    expect(tokensOf(items)).toEqual(["d1a", "d1b", "d2a", "d2b", "d3a", "d3b"]);
    expect(error).toBeInstanceOf(ModeApiError);
    expect(error).toMatchObject({ name: "ModeMaxPagesError", kind: "max_pages" });
    // Telling "more pages" from "exactly maxPages" may cost one look at the next page, no more.
    expect(server.seen.length).toBeLessThanOrEqual(4);
  });

  it("throws the max-pages error from paginate too", async () => {
    const server = await endlessListing();
    const { items, error } = await drain(
      paginate(plainClient(server.baseUrl), spacePath, { params: { path: ids } }, { maxPages: 2 }),
    );
    expect(items).toHaveLength(4);
    expect(error).toMatchObject({ kind: "max_pages" });
  });

  it("stops quietly at maxPages when told to", async () => {
    const server = await endlessListing();
    const options: IterateOptions = { maxPages: 3, onMaxPages: "stop" };
    const { items, error } = await drain(
      throwingClient(server.baseUrl).datasets.iterateForSpace(ids, options),
    );
    expect(tokensOf(items)).toEqual(["d1a", "d1b", "d2a", "d2b", "d3a", "d3b"]);
    expect(error).toBeUndefined();
  });

  it("ends without an error on a listing exactly maxPages long", async () => {
    const server = await hostileServer((request, response) => {
      const n = pageNumber(request.url);
      page(response, [`d${n}a`], 3);
    });
    const { items, error } = await drain(
      throwingClient(server.baseUrl).datasets.iterateForSpace(ids, { maxPages: 3 }),
    );
    expect(tokensOf(items)).toEqual(["d1a", "d2a", "d3a"]);
    expect(error).toBeUndefined();
  });
});

describe("pages that come round again", () => {
  // maxPages bounds the run while the cycle goes undetected.
  const bounded = { maxPages: 40 };

  it("ends on a page repeating the previous one", async () => {
    const server = await hostileServer((_request, response) => page(response, ["d1a", "d1b"]));
    const { items, error } = await drain(
      throwingClient(server.baseUrl).datasets.iterateForSpace(ids, bounded),
    );
    expect(tokensOf(items)).toEqual(["d1a", "d1b"]);
    expect(error).toBeUndefined();
    expect(server.seen).toHaveLength(2);
  });

  it("yields each item once when pages alternate a, b, a, b", async () => {
    const server = await hostileServer((request, response) =>
      page(response, pageNumber(request.url) % 2 === 1 ? ["a1", "a2"] : ["b1", "b2"]),
    );
    const { items, error } = await drain(
      throwingClient(server.baseUrl).datasets.iterateForSpace(ids, bounded),
    );
    expect(tokensOf(items)).toEqual(["a1", "a2", "b1", "b2"]);
    expect(error).toBeUndefined();
    expect(server.seen).toHaveLength(3);
  });

  it("yields each item once when three pages cycle", async () => {
    const pages = [["a1"], ["b1"], ["c1"]];
    const server = await hostileServer((request, response) =>
      page(response, pages[(pageNumber(request.url) - 1) % 3] ?? []),
    );
    const { items, error } = await drain(
      throwingClient(server.baseUrl).datasets.iterateReports(
        { account: "northwind", dataset: "5a4177a2902c" },
        bounded,
      ),
    );
    expect(tokensOf(items)).toEqual(["a1", "b1", "c1"]);
    expect(error).toBeUndefined();
    expect(server.seen).toHaveLength(4);
  });
});
