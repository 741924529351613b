// toArray collects a listing up to a limit it insists on, and stops there: no page past the one
// that filled it is fetched, and the walk's requests still in flight are aborted.
import { describe, expect, it } from "vitest";
import { createModeDatasets, toArray } from "../../../src/index.js";
import { hal, modeError, recordingFetch, testOptions } from "../helpers/recording-fetch.js";

const space = { account: "northwind", space: "s1" };
/** Pages of three Datasets, `d{page}-{n}`, up to `pages`; the page after is empty. */
const pages = (count: number) =>
  recordingFetch((request) => {
    const page = Number(new URL(request.url).searchParams.get("page") ?? 1);
    const reports = page > count ? [] : [1, 2, 3].map((n) => ({ token: `d${page}-${n}` }));
    return hal({ _embedded: { reports }, _links: {} });
  });

describe("toArray", () => {
  it("stops at the limit without fetching the page after", async () => {
    const { fetch, requests } = pages(10);
    const mode = createModeDatasets({ ...testOptions, fetch });
    const items = await toArray(mode.datasets.iterateForSpace(space), { limit: 4 });
    expect(items.map((item) => item.token)).toEqual(["d1-1", "d1-2", "d1-3", "d2-1"]);
    expect(requests).toHaveLength(2);
  });

  it("returns fewer items when the listing ends first", async () => {
    const { fetch, requests } = pages(2);
    const mode = createModeDatasets({ ...testOptions, fetch });
    const items = await toArray(mode.datasets.iterateForSpace(space), { limit: 100 });
    expect(items).toHaveLength(6);
    expect(requests).toHaveLength(3);
  });

  it("throws what the listing throws", async () => {
    const { fetch } = recordingFetch((_, i) =>
      i === 0
        ? hal({ _embedded: { reports: [{ token: "a" }] }, _links: {} })
        : modeError(404, "not_found", "gone"),
    );
    const mode = createModeDatasets({ ...testOptions, fetch });
    await expect(
      toArray(mode.datasets.iterateForSpace(space), { limit: 10 }),
    ).rejects.toMatchObject({
      kind: "not_found",
    });
  });

  it("aborts the walk's requests still in flight once the limit is reached", async () => {
    const spaces = ["s1", "s2", "s3"].map((token) => ({ token, name: token }));
    const { fetch, requests } = recordingFetch((request) => {
      const url = new URL(request.url);
      if (url.pathname.endsWith("/spaces"))
        return hal({
          _embedded: { spaces: url.searchParams.get("page") === "1" ? spaces : [] },
          _links: {},
        });
      // s1 answers; the others never do, until their signal aborts them.
      if (url.pathname.includes("/s1/"))
        return hal({ _embedded: { reports: [{ token: "d1" }] }, _links: {} });
      return new Promise<Response>((_, reject) =>
        request.signal.addEventListener("abort", () => reject(request.signal.reason)),
      );
    });
    const mode = createModeDatasets({ ...testOptions, fetch, timeoutMs: false });
    const items = await toArray(mode.iterateAllDatasets({ account: "northwind" }), { limit: 1 });
    expect(items).toEqual([{ space: spaces[0], dataset: { token: "d1" } }]);
    const hanging = requests.filter((r) => /\/s[23]\//.test(r.url));
    expect(hanging.length).toBeGreaterThan(0);
    for (const request of hanging) expect(request.signal.aborted).toBe(true);
  });

  it("insists on a whole-number limit, before anything is sent", async () => {
    const { fetch, requests } = pages(1);
    const mode = createModeDatasets({ ...testOptions, fetch });
    for (const options of [
      { limit: 0 },
      { limit: 1.5 },
      { limit: Number.POSITIVE_INFINITY },
      {},
      undefined,
    ]) {
      await expect(
        toArray(mode.datasets.iterateForSpace(space), options as { limit: number }),
      ).rejects.toThrow(/toArray limit .* is invalid; expected a whole number of at least 1/);
    }
    expect(requests).toHaveLength(0);
  });
});
