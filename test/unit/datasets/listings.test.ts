import { describe, expect, it } from "vitest";
import {
  createModeClient,
  ModeInvalidResponseError,
  ModeNotFoundError,
  paginate,
} from "../../../src/index.js";
import { hal, modeError, recordingFetch, testOptions } from "../helpers/recording-fetch.js";

const spacePath = "/{account}/spaces/{space}/datasets" as const;
const spaceInit = { params: { path: { account: "northwind", space: "s1" } } };

function item(token: string): Record<string, unknown> {
  return { token, id: Number.parseInt(token.replace(/\D/g, ""), 10) || 1, name: token };
}

function page(tokens: string[], extra: Record<string, unknown> = {}): Response {
  return hal({
    _links: { self: { href: "/api/x" } },
    _embedded: { reports: tokens.map(item) },
    ...extra,
  });
}

function pageOf(url: string): number {
  return Number(new URL(url).searchParams.get("page"));
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

describe("paginate", () => {
  it("walks pages from 1 and stops on an empty page", async () => {
    const pages: Record<number, string[]> = { 1: ["d1", "d2"], 2: ["d3"], 3: [] };
    const { fetch, requests } = recordingFetch((request) =>
      page(pages[pageOf(request.url)] ?? ["never"]),
    );
    const client = createModeClient({ ...testOptions, fetch });
    const items = await collect(paginate(client, spacePath, spaceInit));
    expect(items.map((i) => i.token)).toEqual(["d1", "d2", "d3"]);
    expect(requests.map((r) => pageOf(r.url))).toEqual([1, 2, 3]);
  });

  it("keeps the caller's query and sets page on each request", async () => {
    const { fetch, requests } = recordingFetch((request) =>
      page(pageOf(request.url) === 1 ? ["d1"] : []),
    );
    const client = createModeClient({ ...testOptions, fetch });
    await collect(
      paginate(client, spacePath, {
        params: {
          path: { account: "northwind", space: "s1" },
          query: { per_page: 2, order: "asc", order_by: "created_at" },
        },
      }),
    );
    expect(Object.fromEntries(new URL(requests[0]?.url ?? "").searchParams)).toEqual({
      per_page: "2",
      order: "asc",
      order_by: "created_at",
      page: "1",
    });
  });

  it("stops when a page repeats the previous one (a listing that ignores page)", async () => {
    const { fetch, requests } = recordingFetch(() => page(["d1", "d2"]));
    const client = createModeClient({ ...testOptions, fetch });
    const items = await collect(paginate(client, spacePath, spaceInit));
    expect(items.map((i) => i.token)).toEqual(["d1", "d2"]);
    expect(requests).toHaveLength(2);
  });

  it("stops at total_pages without asking for the next page", async () => {
    const { fetch, requests } = recordingFetch((request) =>
      page([`d${pageOf(request.url)}`], {
        pagination: { page: pageOf(request.url), total_pages: 2 },
      }),
    );
    const client = createModeClient({ ...testOptions, fetch });
    const items = await collect(paginate(client, spacePath, spaceInit));
    expect(items.map((i) => i.token)).toEqual(["d1", "d2"]);
    expect(requests).toHaveLength(2);
  });

  it("stops after maxPages pages when told to stop there", async () => {
    const { fetch, requests } = recordingFetch((request) => page([`d${pageOf(request.url)}`]));
    const client = createModeClient({ ...testOptions, fetch });
    const items = await collect(
      paginate(client, spacePath, spaceInit, { maxPages: 3, onMaxPages: "stop" }),
    );
    expect(items.map((i) => i.token)).toEqual(["d1", "d2", "d3"]);
    expect(requests).toHaveLength(3);
  });

  it("fetches the next page only when the previous one is consumed", async () => {
    const { fetch, requests } = recordingFetch((request) =>
      page([`d${pageOf(request.url)}a`, `d${pageOf(request.url)}b`]),
    );
    const client = createModeClient({ ...testOptions, fetch });
    const iterator = paginate(client, spacePath, spaceInit)[Symbol.asyncIterator]();
    await iterator.next();
    await iterator.next();
    expect(requests).toHaveLength(1);
    await iterator.next();
    expect(requests).toHaveLength(2);
    await iterator.return();
    expect(requests).toHaveLength(2);
  });

  it("reads report runs from _embedded.report_runs", async () => {
    const { fetch } = recordingFetch((request) =>
      hal({
        _links: { self: { href: "x" } },
        _embedded: {
          report_runs: pageOf(request.url) === 1 ? [{ token: "run1", state: "succeeded" }] : [],
        },
      }),
    );
    const client = createModeClient({ ...testOptions, fetch });
    const runs = await collect(
      paginate(client, "/{account}/reports/{report}/runs", {
        params: { path: { account: "a", report: "r" } },
      }),
    );
    expect(runs.map((r) => r.state)).toEqual(["succeeded"]);
  });

  it("throws a typed error when a page fails", async () => {
    const { fetch } = recordingFetch((request) =>
      pageOf(request.url) === 1 ? page(["d1"]) : modeError(404, "not_found", "no space"),
    );
    const client = createModeClient({ ...testOptions, fetch });
    const seen: string[] = [];
    const failure = await (async () => {
      for await (const dataset of paginate(client, spacePath, spaceInit)) seen.push(dataset.token);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(["d1"]);
    expect(failure).toBeInstanceOf(ModeNotFoundError);
    expect(failure).toMatchObject({ path: spacePath, method: "GET" });
  });

  it("reads an empty _embedded object as an empty page, as Mode ends some listings", async () => {
    const { fetch, requests } = recordingFetch((request) =>
      pageOf(request.url) === 1
        ? page(["d1"])
        : hal({ _links: { self: { href: "x" } }, _embedded: {} }),
    );
    const client = createModeClient({ ...testOptions, fetch });
    const items = await collect(paginate(client, spacePath, spaceInit));
    expect(items.map((i) => i.token)).toEqual(["d1"]);
    expect(requests).toHaveLength(2);
  });

  it("throws when a page has no embedded array instead of ending quietly", async () => {
    const { fetch } = recordingFetch(() =>
      hal({ _links: { self: { href: "x" } }, _embedded: { datasets: [] } }),
    );
    const client = createModeClient({ ...testOptions, fetch });
    await expect(collect(paginate(client, spacePath, spaceInit))).rejects.toThrow(
      ModeInvalidResponseError,
    );
    await expect(collect(paginate(client, spacePath, spaceInit))).rejects.toThrow(
      /_embedded\.reports/,
    );
  });

  it("refuses a non-positive maxPages", async () => {
    const client = createModeClient({
      ...testOptions,
      fetch: recordingFetch(() => page([])).fetch,
    });
    await expect(collect(paginate(client, spacePath, spaceInit, { maxPages: 0 }))).rejects.toThrow(
      /maxPages 0/,
    );
  });
});
