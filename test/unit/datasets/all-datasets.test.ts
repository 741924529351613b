// iterateAllDatasets: every Dataset of every Collection with the Collection it came from, a
// bounded number of listings at once, one page per listing in memory, and no silent loss.
import { describe, expect, it } from "vitest";
import {
  createModeDatasets,
  ModeInvalidResponseError,
  ModeServerError,
  type WorkspaceDataset,
} from "../../../src/index.js";
import { hal, modeError, recordingFetch, testOptions } from "../helpers/recording-fetch.js";

const space = (token: string) => ({
  token,
  name: `Collection ${token}`,
  _links: { self: { href: "x" } },
});
const dataset = (token: string) => ({ token, name: `Dataset ${token}`, type: "DatasetReport" });
const listing = (key: string, items: unknown[], totalPages?: number): Response =>
  hal({
    _links: { self: { href: "x" } },
    _embedded: { [key]: items },
    ...(totalPages === undefined ? {} : { pagination: { total_pages: totalPages } }),
  });

/** A workspace: `spaces` Collections s0, s1...; each has `pages` pages of `perPage` Datasets. */
function workspace(spaces: number, pages: number, perPage: number) {
  return (request: Request): Response => {
    const url = new URL(request.url);
    const page = Number(url.searchParams.get("page"));
    if (url.pathname === "/api/northwind/spaces")
      return listing(
        "spaces",
        page === 1 ? Array.from({ length: spaces }, (_, i) => space(`s${i}`)) : [],
      );
    const of = /\/spaces\/(\w+)\/datasets$/.exec(url.pathname)?.[1] ?? "?";
    const items = Array.from({ length: perPage }, (_, i) => dataset(`${of}-p${page}-${i}`));
    return listing("reports", items, pages);
  };
}

const isDatasetListing = (url: string): boolean => url.includes("/datasets");
const label = ({ space, dataset }: WorkspaceDataset): string => `${space.token}/${dataset.token}`;

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

describe("iterateAllDatasets", () => {
  it("yields every dataset of every collection once, each with its collection", async () => {
    const { fetch, requests } = recordingFetch(workspace(5, 3, 2));
    const mode = createModeDatasets({ ...testOptions, fetch });
    const items = await collect(
      mode.iterateAllDatasets({ account: "northwind" }, { concurrency: 2 }),
    );
    expect(items).toHaveLength(5 * 3 * 2);
    for (const item of items)
      expect(item.dataset.token.startsWith(`${item.space.token}-`)).toBe(true);
    expect(new Set(items.map(label)).size).toBe(items.length);
    // Within a collection the listing's order is kept.
    const s3 = items.filter((item) => item.space.token === "s3").map((item) => item.dataset.token);
    expect(s3).toEqual(["s3-p1-0", "s3-p1-1", "s3-p2-0", "s3-p2-1", "s3-p3-0", "s3-p3-1"]);
    // One spaces listing (page 1, then the empty page 2) and three pages per collection.
    expect(requests.filter((r) => !isDatasetListing(r.url))).toHaveLength(2);
    expect(requests.filter((r) => isDatasetListing(r.url))).toHaveLength(15);
  });

  it("lists every collection with filter=all unless told otherwise", async () => {
    const first = recordingFetch(workspace(1, 1, 1));
    await collect(
      createModeDatasets({ ...testOptions, fetch: first.fetch }).iterateAllDatasets({
        account: "northwind",
      }),
    );
    expect(new URL(first.requests[0]?.url ?? "").search).toBe("?filter=all&page=1");
    const custom = recordingFetch(workspace(1, 1, 1));
    await collect(
      createModeDatasets({ ...testOptions, fetch: custom.fetch }).iterateAllDatasets({
        account: "northwind",
        filter: "custom",
      }),
    );
    expect(new URL(custom.requests[0]?.url ?? "").search).toBe("?filter=custom&page=1");
  });

  it("walks up to concurrency listings at once and never more", async () => {
    let inFlight = 0;
    let most = 0;
    const waiting: (() => void)[] = [];
    const answer = workspace(12, 2, 3);
    const { fetch } = recordingFetch(async (request) => {
      if (!isDatasetListing(request.url)) return answer(request);
      most = Math.max(most, ++inFlight);
      // Held until four are in flight and a little longer (or a while has passed): a walker
      // that runs more listings at once than it may shows up as a higher peak, one that runs
      // fewer as a lower one.
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        const releaseAll = (): void => {
          for (const release of waiting.splice(0)) release();
        };
        if (inFlight >= 4) setTimeout(releaseAll, 20);
        else setTimeout(resolve, 200);
      });
      inFlight--;
      return answer(request);
    });
    const mode = createModeDatasets({ ...testOptions, fetch });
    const items = await collect(
      mode.iterateAllDatasets({ account: "northwind" }, { concurrency: 4 }),
    );
    expect(items).toHaveLength(12 * 2 * 3);
    expect(most).toBe(4);
  });

  it("fetches a listing's next page only once its current page has been taken", async () => {
    // One Dataset a page: a walker that asked for the next page while the caller still holds
    // the last item of the current one would already show a page 2 here.
    const { fetch, requests } = recordingFetch(workspace(3, 2, 1));
    const mode = createModeDatasets({ ...testOptions, fetch });
    const walk = mode.iterateAllDatasets({ account: "northwind" }, { concurrency: 3 });
    await walk.next();
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 1));
    const datasetPages = requests
      .filter((r) => isDatasetListing(r.url))
      .map((r) => new URL(r.url).searchParams.get("page"));
    expect(datasetPages).toEqual(["1", "1", "1"]);
    await walk.return();
  });

  it("throws when a collection listing fails halfway, after the items before it", async () => {
    const answer = workspace(4, 3, 2);
    const { fetch } = recordingFetch((request) => {
      const url = new URL(request.url);
      if (url.pathname.includes("/spaces/s2/") && url.searchParams.get("page") === "2")
        return modeError(500, "internal", "boom");
      return answer(request);
    });
    const mode = createModeDatasets({ ...testOptions, fetch });
    const items: WorkspaceDataset[] = [];
    const error = await (async () => {
      try {
        for await (const item of mode.iterateAllDatasets(
          { account: "northwind" },
          { concurrency: 2 },
        ))
          items.push(item);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ModeServerError);
    expect(
      items.filter((item) => item.space.token === "s2").map((item) => item.dataset.token),
    ).toEqual(["s2-p1-0", "s2-p1-1"]);
  });

  it("throws when a collection listing answers a page without its items array", async () => {
    const answer = workspace(2, 3, 2);
    const { fetch } = recordingFetch((request) => {
      const url = new URL(request.url);
      if (url.pathname.includes("/spaces/s1/") && url.searchParams.get("page") === "2")
        return hal({ _links: { self: { href: "x" } }, _embedded: { spaces: [] } });
      return answer(request);
    });
    const mode = createModeDatasets({ ...testOptions, fetch });
    await expect(collect(mode.iterateAllDatasets({ account: "northwind" }))).rejects.toBeInstanceOf(
      ModeInvalidResponseError,
    );
  });

  it("aborts the requests still in flight when the caller stops early", async () => {
    const answer = workspace(6, 2, 1);
    const { fetch, requests } = recordingFetch(async (request) => {
      if (isDatasetListing(request.url) && !request.url.includes("/s0/")) {
        // Never answers on its own: only an abort ends it.
        await new Promise((_resolve, reject) =>
          request.signal.addEventListener("abort", () => reject(request.signal.reason)),
        );
      }
      return answer(request);
    });
    const mode = createModeDatasets({ ...testOptions, fetch });
    for await (const item of mode.iterateAllDatasets(
      { account: "northwind" },
      { concurrency: 3 },
    )) {
      expect(item.space.token).toBe("s0");
      break;
    }
    const pending = requests.filter((r) => isDatasetListing(r.url) && !r.url.includes("/s0/"));
    expect(pending).toHaveLength(2);
    for (const request of pending) expect(request.signal.aborted).toBe(true);
  });

  it("walks a collection listed twice only once", async () => {
    const answer = workspace(3, 1, 2);
    const { fetch, requests } = recordingFetch((request) => {
      const url = new URL(request.url);
      // Page 2 of the Collections repeats s1 beside a new s9.
      if (url.pathname === "/api/northwind/spaces" && url.searchParams.get("page") === "2")
        return listing("spaces", [space("s1"), space("s9")]);
      return answer(request);
    });
    const mode = createModeDatasets({ ...testOptions, fetch });
    const items = await collect(mode.iterateAllDatasets({ account: "northwind" }));
    expect(items.map(label).sort()).toEqual(
      ["s0", "s1", "s2", "s9"].flatMap((s) => [`${s}/${s}-p1-0`, `${s}/${s}-p1-1`]).sort(),
    );
    expect(requests.filter((r) => r.url.includes("/spaces/s1/"))).toHaveLength(1);
  });

  it("rejects with the caller's reason when the signal aborts mid-walk", async () => {
    const controller = new AbortController();
    const { fetch } = recordingFetch(workspace(4, 3, 2));
    const mode = createModeDatasets({ ...testOptions, fetch });
    const seen: WorkspaceDataset[] = [];
    const error = await (async () => {
      try {
        for await (const item of mode.iterateAllDatasets(
          { account: "northwind" },
          { signal: controller.signal },
        )) {
          seen.push(item);
          if (seen.length === 3) controller.abort(new Error("caller stopped"));
        }
      } catch (caught) {
        return caught;
      }
    })();
    expect((error as Error).message).toBe("caller stopped");
    // The items of pages already read are not handed out after the abort either.
    expect(seen).toHaveLength(3);
  });

  it("ends at once for a workspace without collections", async () => {
    const { fetch, requests } = recordingFetch(() =>
      hal({ _links: { self: { href: "x" } }, _embedded: {} }),
    );
    const mode = createModeDatasets({ ...testOptions, fetch });
    expect(await collect(mode.iterateAllDatasets({ account: "northwind" }))).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it.each([0, -1, 1.5, Number.NaN])(
    "refuses concurrency %s with a range error naming it",
    async (concurrency) => {
      const { fetch, requests } = recordingFetch(workspace(1, 1, 1));
      const mode = createModeDatasets({ ...testOptions, fetch });
      await expect(
        collect(mode.iterateAllDatasets({ account: "northwind" }, { concurrency })),
      ).rejects.toThrow(
        new RegExp(`iterateAllDatasets concurrency ${String(concurrency)} is invalid`),
      );
      expect(requests).toHaveLength(0);
    },
  );
});
