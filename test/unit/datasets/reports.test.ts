// mode.reports beyond runs: a report itself, the listings that hold reports, a report's queries,
// a run's query runs, and the /collections twins: the Request each method builds, what it
// returns, what it refuses before sending, and that writes are never retried.
import { describe, expect, it } from "vitest";
import {
  createModeDatasets,
  ModeInvalidResponseError,
  ModeServerError,
} from "../../../src/index.js";
import { hal, modeError, recordingFetch, testOptions } from "../helpers/recording-fetch.js";

const report = (token: string, name = `Report ${token}`) => ({
  token,
  id: 1,
  name,
  type: "Report",
  created_at: "2024-04-02T08:30:00.041Z",
  updated_at: "2024-09-02T08:15:58.330Z",
  _links: { self: { href: `/api/northwind/reports/${token}` } },
});
const query = (token: string) => ({
  token,
  id: 7,
  name: "Weekly orders",
  raw_query: "SELECT 1",
  _links: { self: { href: "x" } },
});
const queryRun = (token: string, state = "succeeded") => ({
  token,
  state,
  created_at: "2024-09-02T08:15:45.012Z",
  _links: { self: { href: "x" } },
});
const listing = (key: string, items: unknown[]): Response =>
  hal({ _links: { self: { href: "x" } }, _embedded: { [key]: items } });
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

describe("a report", () => {
  it("gets a report by its token", async () => {
    const { fetch, requests } = recordingFetch(() => hal(report("7f3c2a9d41b8")));
    const mode = createModeDatasets({ ...testOptions, fetch });
    const got = await mode.reports.get({ account: "northwind", report: "7f3c2a9d41b8" });
    expect(got.token).toBe("7f3c2a9d41b8");
    expect(requests[0]?.method).toBe("GET");
    expect(where(requests[0]?.url)).toBe("/api/northwind/reports/7f3c2a9d41b8");
  });

  it("updates a report with the fields wrapped in report, and takes a 202 answer", async () => {
    const { fetch, requests } = recordingFetch(() =>
      hal(report("r1", "Weekly sales"), { status: 202 }),
    );
    const mode = createModeDatasets({ ...testOptions, fetch });
    const updated = await mode.reports.update(
      { account: "northwind", report: "r1" },
      { name: "Weekly sales", space_token: "c07d5e2a8b31" },
    );
    expect(updated.name).toBe("Weekly sales");
    expect(requests[0]?.method).toBe("PATCH");
    expect(where(requests[0]?.url)).toBe("/api/northwind/reports/r1");
    expect(requests[0]?.headers.get("content-type")).toMatch(/^application\/json/);
    expect(JSON.parse(requests[0]?.body ?? "")).toEqual({
      report: { name: "Weekly sales", space_token: "c07d5e2a8b31" },
    });
  });

  it("refuses empty, unknown or non-string report changes before sending", async () => {
    const { fetch, requests } = recordingFetch(() => hal(report("r1")));
    const mode = createModeDatasets({ ...testOptions, fetch });
    const params = { account: "a", report: "r1" };
    await expect(mode.reports.update(params, {})).rejects.toThrow(/Report changes are empty/);
    await expect(mode.reports.update(params, { title: "x" } as never)).rejects.toThrow(
      /Unknown Report field\(s\) "title"/,
    );
    await expect(mode.reports.update(params, { name: 7 } as never)).rejects.toThrow(
      /Report field name has type number/,
    );
    await expect(mode.reports.update(params, null as never)).rejects.toThrow(TypeError);
    expect(requests).toHaveLength(0);
  });

  it("deletes a report, never retried", async () => {
    const { fetch, requests } = recordingFetch(() => new Response(null, { status: 204 }));
    const mode = createModeDatasets({ ...testOptions, fetch });
    await expect(mode.reports.delete({ account: "a", report: "r1" })).resolves.toBeUndefined();
    expect(requests[0]?.method).toBe("DELETE");
    expect(where(requests[0]?.url)).toBe("/api/a/reports/r1");

    const failing = recordingFetch(() => modeError(503, "unavailable", "try later"));
    const once = createModeDatasets({ ...testOptions, fetch: failing.fetch });
    await expect(once.reports.delete({ account: "a", report: "r1" })).rejects.toBeInstanceOf(
      ModeServerError,
    );
    await expect(
      once.reports.update({ account: "a", report: "r1" }, { name: "x" }),
    ).rejects.toBeInstanceOf(ModeServerError);
    expect(failing.requests.map((r) => r.method)).toEqual(["DELETE", "PATCH"]);
  });

  it("retries a report read after a 503", async () => {
    const { fetch, requests } = recordingFetch((_request, index) =>
      index === 0 ? modeError(503, "unavailable", "try later") : hal(report("r1")),
    );
    const mode = createModeDatasets({ ...testOptions, fetch });
    expect((await mode.reports.get({ account: "a", report: "r1" })).token).toBe("r1");
    expect(requests).toHaveLength(2);
  });
});

describe("the listings that hold reports", () => {
  it("lists a collection's reports with its filter, order and paging, at /spaces and /collections", async () => {
    const { fetch, requests } = recordingFetch(() => listing("reports", [report("r1")]));
    const mode = createModeDatasets({ ...testOptions, fetch });
    const params = {
      account: "a",
      space: "s1",
      order: "desc",
      order_by: "updated_at",
      page: 2,
      per_page: 10,
    } as const;
    expect((await mode.reports.listForSpace(params)).map((r) => r.token)).toEqual(["r1"]);
    expect((await mode.reports.listForCollection(params)).map((r) => r.token)).toEqual(["r1"]);
    expect(requests.map((r) => where(r.url))).toEqual([
      "/api/a/spaces/s1/reports?order=desc&order_by=updated_at&page=2&per_page=10",
      "/api/a/collections/s1/reports?order=desc&order_by=updated_at&page=2&per_page=10",
    ]);
  });

  it("iterates a collection's reports page after page, at /spaces and /collections", async () => {
    const { fetch, requests } = recordingFetch((request) =>
      listing("reports", pageOf(request) <= 2 ? [report(`r${pageOf(request)}`)] : []),
    );
    const mode = createModeDatasets({ ...testOptions, fetch });
    const bySpace = await collect(mode.reports.iterateForSpace({ account: "a", space: "s1" }));
    const byCollection = await collect(
      mode.reports.iterateForCollection({ account: "a", space: "s1" }),
    );
    expect(bySpace.map((r) => r.token)).toEqual(["r1", "r2"]);
    expect(byCollection.map((r) => r.token)).toEqual(["r1", "r2"]);
    expect(requests.map((r) => new URL(r.url).pathname)).toEqual([
      ...Array(3).fill("/api/a/spaces/s1/reports"),
      ...Array(3).fill("/api/a/collections/s1/reports"),
    ]);
  });

  it("lists a data source's reports once each, though Mode repeats a report once per query", async () => {
    const { fetch, requests } = recordingFetch((request) =>
      pageOf(request) === 1
        ? listing("reports", [report("r1"), report("r2"), report("r1")])
        : pageOf(request) === 2
          ? listing("reports", [report("r2"), report("r3")])
          : listing("reports", []),
    );
    const mode = createModeDatasets({ ...testOptions, fetch });
    const page = await mode.reports.listForDataSource({
      account: "a",
      data_source: "3c9e1f7a2d60",
      page: 1,
    });
    expect(page.map((r) => r.token)).toEqual(["r1", "r2"]);
    const all = await collect(
      mode.reports.iterateForDataSource({ account: "a", data_source: "3c9e1f7a2d60" }),
    );
    expect(all.map((r) => r.token)).toEqual(["r1", "r2", "r3"]);
    expect(where(requests[0]?.url)).toBe("/api/a/data_sources/3c9e1f7a2d60/reports?page=1");
  });

  it("gives the data source listing's response with its items", async () => {
    const { fetch } = recordingFetch(() => listing("reports", [report("r1"), report("r1")]));
    const mode = createModeDatasets({ ...testOptions, fetch });
    const { data, response } = await mode.reports
      .listForDataSource({ account: "a", data_source: "d1" })
      .withResponse();
    expect(data.map((r) => r.token)).toEqual(["r1"]);
    expect(response.status).toBe(200);
  });

  it("refuses a report listing whose _embedded holds another key", async () => {
    const { fetch } = recordingFetch(() => listing("spaces", [report("r1")]));
    const mode = createModeDatasets({ ...testOptions, fetch });
    await expect(mode.reports.listForSpace({ account: "a", space: "s1" })).rejects.toBeInstanceOf(
      ModeInvalidResponseError,
    );
  });
});

describe("queries and query runs", () => {
  it("lists a report's queries in one request without a page parameter", async () => {
    const { fetch, requests } = recordingFetch(() =>
      listing("queries", [query("q1"), query("q2")]),
    );
    const mode = createModeDatasets({ ...testOptions, fetch });
    const params = { account: "a", report: "r1" };
    expect((await mode.reports.listQueries(params)).map((q) => q.token)).toEqual(["q1", "q2"]);
    expect((await collect(mode.reports.iterateQueries(params))).map((q) => q.token)).toEqual([
      "q1",
      "q2",
    ]);
    expect(requests.map((r) => where(r.url))).toEqual([
      "/api/a/reports/r1/queries",
      "/api/a/reports/r1/queries",
    ]);
  });

  it("gets one query of a report", async () => {
    const { fetch, requests } = recordingFetch(() => hal(query("q1")));
    const mode = createModeDatasets({ ...testOptions, fetch });
    const got = await mode.reports.getQuery({ account: "a", report: "r1", query: "q1" });
    expect(got.raw_query).toBe("SELECT 1");
    expect(where(requests[0]?.url)).toBe("/api/a/reports/r1/queries/q1");
  });

  it("lists a run's query runs in one request, and reads why one failed", async () => {
    const failed = { ...queryRun("f1", "failed"), error_message: "column x does not exist" };
    const { fetch, requests } = recordingFetch(() =>
      listing("query_runs", [queryRun("s1"), failed]),
    );
    const mode = createModeDatasets({ ...testOptions, fetch });
    const params = { account: "a", report: "d1", run: "run1" };
    const runs = await mode.reports.listQueryRuns(params);
    expect(runs.map((r) => [r.state, r.error_message])).toEqual([
      ["succeeded", undefined],
      ["failed", "column x does not exist"],
    ]);
    expect((await collect(mode.reports.iterateQueryRuns(params))).length).toBe(2);
    expect(requests.map((r) => where(r.url))).toEqual([
      "/api/a/reports/d1/runs/run1/query_runs",
      "/api/a/reports/d1/runs/run1/query_runs",
    ]);
  });

  it("gets one query run", async () => {
    const { fetch, requests } = recordingFetch(() => hal(queryRun("qr1")));
    const mode = createModeDatasets({ ...testOptions, fetch });
    const got = await mode.reports.getQueryRun({
      account: "a",
      report: "r1",
      run: "run1",
      query_run: "qr1",
    });
    expect(got.token).toBe("qr1");
    expect(where(requests[0]?.url)).toBe("/api/a/reports/r1/runs/run1/query_runs/qr1");
  });

  it("refuses a query run token the url parser would move, before sending", async () => {
    const { fetch, requests } = recordingFetch(() => hal(queryRun("x")));
    const mode = createModeDatasets({ ...testOptions, fetch });
    await expect(
      mode.reports.getQueryRun({ account: "a", report: "r1", run: "run1", query_run: ".." }),
    ).rejects.toThrow(/query_run/);
    expect(requests).toHaveLength(0);
  });
});

describe("collections at /collections", () => {
  it("lists, iterates and gets collections at the path Mode's own links use", async () => {
    const space = { token: "s1", name: "Finance", _links: { self: { href: "x" } } };
    const { fetch, requests } = recordingFetch((request) =>
      new URL(request.url).pathname.endsWith("/s1")
        ? hal(space)
        : listing("spaces", pageOf(request) <= 1 ? [space] : []),
    );
    const mode = createModeDatasets({ ...testOptions, fetch });
    expect((await mode.collections.list({ account: "a", filter: "all" })).length).toBe(1);
    expect((await collect(mode.collections.iterate({ account: "a" }))).length).toBe(1);
    expect((await mode.collections.get({ account: "a", space: "s1" })).name).toBe("Finance");
    expect(requests.map((r) => where(r.url))).toEqual([
      "/api/a/collections?filter=all",
      "/api/a/collections?page=1",
      "/api/a/collections?page=2",
      "/api/a/collections/s1",
    ]);
  });
});

describe("per-call options on the new methods", () => {
  it("sends one call's headers and signal, and not the next call's", async () => {
    const { fetch, requests } = recordingFetch(() => hal(report("r1")));
    const mode = createModeDatasets({ ...testOptions, fetch });
    const controller = new AbortController();
    await mode.reports.get(
      { account: "a", report: "r1" },
      { headers: { "X-Trace": "one" }, signal: controller.signal },
    );
    await mode.reports.get({ account: "a", report: "r1" });
    expect(requests[0]?.headers.get("x-trace")).toBe("one");
    expect(requests[1]?.headers.get("x-trace")).toBeNull();
    controller.abort();
    await expect(
      mode.reports.getQuery(
        { account: "a", report: "r1", query: "q1" },
        { signal: controller.signal },
      ),
    ).rejects.toThrow();
  });
});
