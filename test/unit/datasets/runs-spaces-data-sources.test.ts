// The throwing layer's methods for runs, Collections, data sources and credentials: the Request
// each one builds, what it returns, and what it refuses before sending.
import { describe, expect, it } from "vitest";
import {
  createModeDatasets,
  ModeInvalidResponseError,
  ModeServerError,
  ModeUnauthorizedError,
} from "../../../src/index.js";
import { hal, modeError, recordingFetch, testOptions } from "../helpers/recording-fetch.js";

const run = (token: string, state = "enqueued") => ({
  token,
  state,
  created_at: "2025-03-04T09:15:02.114Z",
  _links: { self: { href: `/api/northwind/reports/7f3c2a9d41b8/runs/${token}` } },
});
const space = (token: string) => ({
  token,
  name: `Collection ${token}`,
  _links: { self: { href: "x" } },
});
const source = (token: string) => ({
  token,
  name: `Source ${token}`,
  _links: { self: { href: "x" } },
});
const listing = (key: string, items: unknown[], extra: Record<string, unknown> = {}): Response =>
  hal({ _links: { self: { href: "x" } }, _embedded: { [key]: items }, ...extra });
const where = (url: string | undefined): string => {
  const parsed = new URL(url ?? "");
  return parsed.pathname + parsed.search;
};
const pageOf = (request: Request): number => Number(new URL(request.url).searchParams.get("page"));

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

describe("report runs", () => {
  it("gets one run of a report by its token", async () => {
    const { fetch, requests } = recordingFetch(() => hal(run("a1f3c5e7d902", "succeeded")));
    const mode = createModeDatasets({ ...testOptions, fetch });
    const got = await mode.reports.getRun({
      account: "northwind",
      report: "r1",
      run: "a1f3c5e7d902",
    });
    expect(got.state).toBe("succeeded");
    expect(where(requests[0]?.url)).toBe("/api/northwind/reports/r1/runs/a1f3c5e7d902");
  });

  it("runs a report with parameter values at the top level of the body", async () => {
    const { fetch, requests } = recordingFetch(() => hal(run("p1"), { status: 202 }));
    const mode = createModeDatasets({ ...testOptions, fetch });
    const started = await mode.reports.runReport(
      { account: "northwind", report: "r1" },
      { region: "EMEA", min_orders: 25, regions: ["EMEA", "APAC"], draft: false },
    );
    expect(started.token).toBe("p1");
    expect(requests[0]?.method).toBe("POST");
    expect(where(requests[0]?.url)).toBe("/api/northwind/reports/r1/runs");
    expect(JSON.parse(requests[0]?.body ?? "")).toEqual({
      parameters: { region: "EMEA", min_orders: 25, regions: ["EMEA", "APAC"], draft: false },
    });
  });

  it("runs a report with every default as an empty object", async () => {
    const { fetch, requests } = recordingFetch(() => hal(run("p2"), { status: 202 }));
    const mode = createModeDatasets({ ...testOptions, fetch });
    await mode.reports.runReport({ account: "northwind", report: "r1" });
    expect(JSON.parse(requests[0]?.body ?? "")).toEqual({});
  });

  it("refuses parameters that are not an object or hold an unsendable value, before sending", async () => {
    const { fetch, requests } = recordingFetch(() => hal(run("p3"), { status: 202 }));
    const mode = createModeDatasets({ ...testOptions, fetch });
    const params = { account: "northwind", report: "r1" };
    for (const bad of [null, ["EMEA"], "region=EMEA"]) {
      await expect(mode.reports.runReport(params, bad as never)).rejects.toThrow(TypeError);
    }
    await expect(mode.reports.runReport(params, { since: new Date(0) } as never)).rejects.toThrow(
      /Report parameter "since" is invalid/,
    );
    await expect(mode.reports.runReport(params, { n: Number.NaN })).rejects.toThrow(/"n"/);
    await expect(mode.reports.runReport(params, { nested: [["a"]] } as never)).rejects.toThrow(
      /"nested"/,
    );
    expect(requests).toHaveLength(0);
  });

  it("never retries a report run, which would start a second one", async () => {
    const { fetch, requests } = recordingFetch(() => modeError(503, "unavailable", "try later"));
    const mode = createModeDatasets({ ...testOptions, fetch });
    await expect(mode.reports.runReport({ account: "a", report: "r1" })).rejects.toBeInstanceOf(
      ModeServerError,
    );
    expect(requests).toHaveLength(1);
  });
});

describe("dataset runs", () => {
  it("runs a dataset with a bodiless post and returns the 202 run, never retried", async () => {
    const { fetch, requests } = recordingFetch(() => hal(run("c81d5f2a9e63"), { status: 202 }));
    const mode = createModeDatasets({ ...testOptions, fetch });
    const started = await mode.datasets.run({ account: "northwind", dataset: "5a4177a2902c" });
    expect(started.token).toBe("c81d5f2a9e63");
    expect(requests[0]?.method).toBe("POST");
    expect(requests[0]?.body).toBe("");
    expect(where(requests[0]?.url)).toBe("/api/northwind/datasets/5a4177a2902c/runs");

    const failing = recordingFetch(() => modeError(502, "bad_gateway", "upstream"));
    const retryless = createModeDatasets({ ...testOptions, fetch: failing.fetch });
    await expect(retryless.datasets.run({ account: "a", dataset: "d1" })).rejects.toBeInstanceOf(
      ModeServerError,
    );
    expect(failing.requests).toHaveLength(1);
  });

  it("gets one run of a dataset", async () => {
    const { fetch, requests } = recordingFetch(() => hal(run("c81d5f2a9e63", "failed")));
    const mode = createModeDatasets({ ...testOptions, fetch });
    const got = await mode.datasets.getRun({ account: "a", dataset: "d1", run: "c81d5f2a9e63" });
    expect(got.state).toBe("failed");
    expect(where(requests[0]?.url)).toBe("/api/a/datasets/d1/runs/c81d5f2a9e63");
  });

  it("lists one page of dataset runs from _embedded.report_runs with the query", async () => {
    const { fetch, requests } = recordingFetch(() => listing("report_runs", [run("r1")]));
    const mode = createModeDatasets({ ...testOptions, fetch });
    const runs = await mode.datasets.listRuns({
      account: "a",
      dataset: "d1",
      order: "desc",
      order_by: "created_at",
      per_page: 5,
    });
    expect(runs.map((r) => r.token)).toEqual(["r1"]);
    expect(where(requests[0]?.url)).toBe(
      "/api/a/datasets/d1/runs?order=desc&order_by=created_at&per_page=5",
    );
  });

  it("iterates dataset runs until a last page that comes as an empty _embedded", async () => {
    const { fetch, requests } = recordingFetch((request) =>
      pageOf(request) <= 2
        ? listing("report_runs", [run(`r${pageOf(request)}`)])
        : hal({ _links: { self: { href: "x" } }, _embedded: {} }),
    );
    const mode = createModeDatasets({ ...testOptions, fetch });
    const runs = await collect(mode.datasets.iterateRuns({ account: "a", dataset: "d1" }));
    expect(runs.map((r) => r.token)).toEqual(["r1", "r2"]);
    expect(requests).toHaveLength(3);
  });

  it("refuses a run token the url parser would move, before sending", async () => {
    const { fetch, requests } = recordingFetch(() => hal(run("x")));
    const mode = createModeDatasets({ ...testOptions, fetch });
    await expect(mode.datasets.getRun({ account: "a", dataset: "d1", run: ".." })).rejects.toThrow(
      /run/,
    );
    expect(requests).toHaveLength(0);
  });
});

describe("collections", () => {
  it("lists collections with filter=all, page and per_page", async () => {
    const { fetch, requests } = recordingFetch(() => listing("spaces", [space("s1")]));
    const mode = createModeDatasets({ ...testOptions, fetch });
    const spaces = await mode.spaces.list({ account: "a", filter: "all", page: 2, per_page: 10 });
    expect(spaces.map((s) => s.token)).toEqual(["s1"]);
    expect(where(requests[0]?.url)).toBe("/api/a/spaces?filter=all&page=2&per_page=10");
  });

  it("iterates collections page by page from _embedded.spaces", async () => {
    const { fetch } = recordingFetch((request) =>
      listing("spaces", pageOf(request) <= 2 ? [space(`s${pageOf(request)}`)] : []),
    );
    const mode = createModeDatasets({ ...testOptions, fetch });
    const spaces = await collect(mode.spaces.iterate({ account: "a", filter: "all" }));
    expect(spaces.map((s) => s.token)).toEqual(["s1", "s2"]);
  });

  it("ends a collection listing that ignores page when the page comes round again", async () => {
    const { fetch, requests } = recordingFetch(() => listing("spaces", [space("s1"), space("s2")]));
    const mode = createModeDatasets({ ...testOptions, fetch });
    const spaces = await collect(mode.spaces.iterate({ account: "a" }));
    expect(spaces.map((s) => s.token)).toEqual(["s1", "s2"]);
    expect(requests).toHaveLength(2);
  });

  it("gets one collection", async () => {
    const { fetch, requests } = recordingFetch(() => hal(space("8f2c6d1e9b4a")));
    const mode = createModeDatasets({ ...testOptions, fetch });
    expect((await mode.spaces.get({ account: "a", space: "8f2c6d1e9b4a" })).token).toBe(
      "8f2c6d1e9b4a",
    );
    expect(where(requests[0]?.url)).toBe("/api/a/spaces/8f2c6d1e9b4a");
  });

  it("throws on a collection listing whose _embedded holds another key", async () => {
    const { fetch } = recordingFetch(() => listing("reports", [space("s1")]));
    const mode = createModeDatasets({ ...testOptions, fetch });
    await expect(mode.spaces.list({ account: "a" })).rejects.toBeInstanceOf(
      ModeInvalidResponseError,
    );
  });
});

describe("data sources", () => {
  it("lists every data source in one request without a page parameter", async () => {
    const { fetch, requests } = recordingFetch(() =>
      listing("data_sources", [source("3c9e1f7a2d60"), source("b2")]),
    );
    const mode = createModeDatasets({ ...testOptions, fetch });
    expect((await mode.dataSources.list({ account: "a" })).map((s) => s.token)).toEqual([
      "3c9e1f7a2d60",
      "b2",
    ]);
    const iterated = await collect(mode.dataSources.iterate({ account: "a" }));
    expect(iterated.map((s) => s.token)).toEqual(["3c9e1f7a2d60", "b2"]);
    expect(requests.map((r) => where(r.url))).toEqual([
      "/api/a/data_sources",
      "/api/a/data_sources",
    ]);
  });

  it("reads a data source listing that comes as an empty _embedded as no data sources", async () => {
    const { fetch } = recordingFetch(() => hal({ _links: { self: { href: "x" } }, _embedded: {} }));
    const mode = createModeDatasets({ ...testOptions, fetch });
    expect(await collect(mode.dataSources.iterate({ account: "a" }))).toEqual([]);
  });

  it("gets one data source", async () => {
    const { fetch, requests } = recordingFetch(() => hal(source("3c9e1f7a2d60")));
    const mode = createModeDatasets({ ...testOptions, fetch });
    await mode.dataSources.get({ account: "a", data_source: "3c9e1f7a2d60" });
    expect(where(requests[0]?.url)).toBe("/api/a/data_sources/3c9e1f7a2d60");
  });
});

describe("verify", () => {
  it("resolves with what mode says about good credentials", async () => {
    const { fetch, requests } = recordingFetch(() => hal({ workspace: "northwind" }));
    const mode = createModeDatasets({ ...testOptions, fetch });
    expect(await mode.verify()).toEqual({ workspace: "northwind" });
    expect(where(requests[0]?.url)).toBe("/api/verify");
    expect(requests[0]?.headers.get("authorization")).toMatch(/^Basic /);
  });

  it("throws an unauthorized error for credentials mode refuses", async () => {
    const { fetch } = recordingFetch(() => modeError(401, "unauthorized", "Bad credentials"));
    const mode = createModeDatasets({ ...testOptions, fetch });
    await expect(mode.verify()).rejects.toBeInstanceOf(ModeUnauthorizedError);
  });
});
