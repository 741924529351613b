import { describe, expect, it } from "vitest";
import {
  createModeClient,
  createModeDatasets,
  ModeInvalidResponseError,
  ModeNotFoundError,
  ModeRateLimitError,
} from "../../../src/index.js";
import { hal, modeError, recordingFetch, testOptions } from "../helpers/recording-fetch.js";

const dataset = { token: "d1", id: 1, name: "Orders", type: "DatasetReport" };
const run = {
  token: "run1",
  state: "pending",
  created_at: "2024-09-02T07:38:43.722Z",
  _links: { self: { href: "x" } },
};
const listing = (key: string, items: unknown[]): Response =>
  hal({ _links: { self: { href: "x" } }, _embedded: { [key]: items } });

describe("createModeDatasets", () => {
  it("gets a dataset and returns the body", async () => {
    const { fetch, requests } = recordingFetch(() => hal(dataset));
    const mode = createModeDatasets({ ...testOptions, fetch });
    expect(await mode.datasets.get({ account: "northwind", dataset: "d1" })).toEqual(dataset);
    expect(requests[0]?.url).toBe("https://app.mode.com/api/northwind/datasets/d1");
  });

  it("updates a dataset with the report wrapper", async () => {
    const { fetch, requests } = recordingFetch(() => hal({ ...dataset, name: "New" }));
    const mode = createModeDatasets({ ...testOptions, fetch });
    const updated = await mode.datasets.update(
      { account: "northwind", dataset: "d1" },
      { name: "New", space_token: "s2" },
    );
    expect(updated.name).toBe("New");
    expect(requests[0]?.method).toBe("PATCH");
    expect(JSON.parse(requests[0]?.body ?? "")).toEqual({
      report: { name: "New", space_token: "s2" },
    });
  });

  it("refuses empty or unknown update fields before sending", async () => {
    const { fetch, requests } = recordingFetch(() => hal(dataset));
    const mode = createModeDatasets({ ...testOptions, fetch });
    await expect(mode.datasets.update({ account: "a", dataset: "d1" }, {})).rejects.toThrow(
      /empty; expected at least one of name/,
    );
    await expect(
      mode.datasets.update({ account: "a", dataset: "d1" }, { title: "x" } as unknown as {
        name: string;
      }),
    ).rejects.toThrow(/Unknown Dataset field\(s\) "title"/);
    expect(requests).toHaveLength(0);
  });

  it("deletes a dataset, accepting 200 with an empty body and 204", async () => {
    for (const response of [
      new Response(null, { status: 200 }),
      new Response("", { status: 200 }),
      new Response(null, { status: 204 }),
    ]) {
      const { fetch, requests } = recordingFetch(() => response);
      const mode = createModeDatasets({ ...testOptions, fetch });
      await expect(mode.datasets.delete({ account: "a", dataset: "d1" })).resolves.toBeUndefined();
      expect(requests[0]?.method).toBe("DELETE");
    }
  });

  it("lists one page of datasets in a space with path and query in one object", async () => {
    const { fetch, requests } = recordingFetch(() => listing("reports", [dataset]));
    const mode = createModeDatasets({ ...testOptions, fetch });
    const items = await mode.datasets.listForSpace({
      account: "a",
      space: "s1",
      order: "desc",
      per_page: 5,
    });
    expect(items).toEqual([dataset]);
    const url = new URL(requests[0]?.url ?? "");
    expect(url.pathname).toBe("/api/a/spaces/s1/datasets");
    expect(Object.fromEntries(url.searchParams)).toEqual({ order: "desc", per_page: "5" });
  });

  it("lists datasets of a data source and reports using a dataset", async () => {
    const { fetch, requests } = recordingFetch(() => listing("reports", [dataset]));
    const mode = createModeDatasets({ ...testOptions, fetch });
    await mode.datasets.listForDataSource({ account: "a", data_source: "ds1" });
    await mode.datasets.listReports({ account: "a", dataset: "d1", page: 2 });
    expect(requests.map((r) => new URL(r.url).pathname + new URL(r.url).search)).toEqual([
      "/api/a/data_sources/ds1/datasets",
      "/api/a/datasets/d1/reports?page=2",
    ]);
  });

  it("lists report runs from _embedded.report_runs", async () => {
    const { fetch } = recordingFetch(() => listing("report_runs", [run]));
    const mode = createModeDatasets({ ...testOptions, fetch });
    expect(await mode.reports.listRuns({ account: "a", report: "r1" })).toEqual([run]);
  });

  it("refreshes datasets in a report with the dataset_tokens body and returns the run", async () => {
    const { fetch, requests } = recordingFetch(() => hal(run, { status: 202 }));
    const mode = createModeDatasets({ ...testOptions, fetch });
    expect(
      await mode.reports.refreshDatasets({ account: "a", report: "r1" }, ["d1", "d2"]),
    ).toEqual(run);
    expect(requests[0]?.method).toBe("POST");
    expect(new URL(requests[0]?.url ?? "").pathname).toBe("/api/a/reports/r1/runs");
    expect(JSON.parse(requests[0]?.body ?? "")).toEqual({
      report: { dataset_tokens: [{ token: "d1" }, { token: "d2" }] },
    });
  });

  it("refuses an empty token list or an empty token before sending", async () => {
    const { fetch, requests } = recordingFetch(() => hal(run, { status: 202 }));
    const mode = createModeDatasets({ ...testOptions, fetch });
    await expect(mode.reports.refreshDatasets({ account: "a", report: "r1" }, [])).rejects.toThrow(
      RangeError,
    );
    await expect(
      mode.reports.refreshDatasets({ account: "a", report: "r1" }, [""]),
    ).rejects.toThrow(/Dataset token "" is invalid/);
    expect(requests).toHaveLength(0);
  });

  it("iterates every dataset across pages", async () => {
    const { fetch } = recordingFetch((request) => {
      const pageNumber = Number(new URL(request.url).searchParams.get("page"));
      return listing("reports", pageNumber <= 2 ? [{ ...dataset, token: `d${pageNumber}` }] : []);
    });
    const mode = createModeDatasets({ ...testOptions, fetch });
    const tokens: string[] = [];
    for await (const item of mode.datasets.iterateForSpace({
      account: "a",
      space: "s1",
      per_page: 1,
    }))
      tokens.push(item.token);
    expect(tokens).toEqual(["d1", "d2"]);
  });

  it("iterates report runs and reports, honouring maxPages with onMaxPages stop", async () => {
    const { fetch, requests } = recordingFetch((request) => {
      const pageNumber = Number(new URL(request.url).searchParams.get("page"));
      const key = request.url.includes("/runs") ? "report_runs" : "reports";
      return listing(key, [{ ...run, token: `t${pageNumber}` }]);
    });
    const mode = createModeDatasets({ ...testOptions, fetch });
    const runs: string[] = [];
    for await (const item of mode.reports.iterateRuns(
      { account: "a", report: "r1" },
      { maxPages: 2, onMaxPages: "stop" },
    ))
      runs.push(item.token);
    const reports: string[] = [];
    for await (const item of mode.datasets.iterateReports(
      { account: "a", dataset: "d1" },
      { maxPages: 1, onMaxPages: "stop" },
    ))
      reports.push(item.token);
    const fromSource: string[] = [];
    for await (const item of mode.datasets.iterateForDataSource(
      { account: "a", data_source: "ds" },
      { maxPages: 1, onMaxPages: "stop" },
    )) {
      fromSource.push(item.token);
    }
    expect(runs).toEqual(["t1", "t2"]);
    expect(reports).toEqual(["t1"]);
    expect(fromSource).toEqual(["t1"]);
    expect(requests).toHaveLength(4);
  });

  it("throws a not found error with mode's id and message", async () => {
    const { fetch } = recordingFetch(() => modeError(404, "not_found", "Dataset not found"));
    const mode = createModeDatasets({ ...testOptions, fetch });
    const error = await mode.datasets
      .get({ account: "a", dataset: "nope" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModeNotFoundError);
    expect(error).toMatchObject({
      status: 404,
      id: "not_found",
      method: "GET",
      path: "/{account}/datasets/{dataset}",
    });
    expect((error as Error).message).toContain("Dataset not found");
  });

  it("throws a rate limit error with retryAfterMs after the retries", async () => {
    const { fetch, requests } = recordingFetch(() =>
      modeError(429, "rate_limited", "slow down", { "Retry-After": "0" }),
    );
    const mode = createModeDatasets({ ...testOptions, fetch });
    const error = await mode.datasets
      .listForSpace({ account: "a", space: "s" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModeRateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 0, status: 429 });
    expect(requests).toHaveLength(3);
  });

  it("throws an invalid response error for an html page with status 200", async () => {
    const { fetch } = recordingFetch(
      () =>
        new Response("<html>Maintenance</html>", {
          status: 200,
          headers: { "Content-Type": "text/html" },
        }),
    );
    const mode = createModeDatasets({ ...testOptions, fetch });
    const error = await mode.datasets.get({ account: "a", dataset: "d1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModeInvalidResponseError);
    expect((error as Error).message).toMatch(
      /GET \/\{account\}\/datasets\/\{dataset\} answered 200 with a body that is not JSON \(content-type text\/html\)/,
    );
  });

  it("throws an invalid response error for a body labelled json that is not", async () => {
    const { fetch } = recordingFetch(
      () =>
        new Response('{"token": "d1", ', {
          status: 200,
          headers: { "Content-Type": "application/hal+json" },
        }),
    );
    const mode = createModeDatasets({ ...testOptions, fetch });
    const error = await mode.datasets.get({ account: "a", dataset: "d1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModeInvalidResponseError);
    expect((error as Error).message).toMatch(
      /^GET \/\{account\}\/datasets\/\{dataset\} answered 200 with a body that is not valid JSON \(content-type application\/hal\+json\)$/,
    );
    const listing = await mode.datasets
      .iterateForSpace({ account: "a", space: "s" })
      .next()
      .catch((e: unknown) => e);
    expect(listing).toBeInstanceOf(ModeInvalidResponseError);
  });

  it("throws an invalid response error for an empty success body where one is promised", async () => {
    const { fetch } = recordingFetch(() => new Response(null, { status: 200 }));
    const mode = createModeDatasets({ ...testOptions, fetch });
    const error = await mode.datasets.get({ account: "a", dataset: "d1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModeInvalidResponseError);
    expect((error as Error).message).toBe(
      "GET /{account}/datasets/{dataset} answered 200 with an empty body",
    );
  });

  it("lets the raw client throw an invalid response error for an html success page", async () => {
    const { fetch } = recordingFetch(
      () =>
        new Response("<html>Maintenance</html>", {
          status: 200,
          headers: { "Content-Type": "text/html" },
        }),
    );
    const client = createModeClient({ ...testOptions, fetch });
    await expect(
      client.GET("/{account}/datasets/{dataset}", {
        params: { path: { account: "a", dataset: "d1" } },
      }),
    ).rejects.toThrow(ModeInvalidResponseError);
  });

  it("wraps an existing client", async () => {
    const { fetch, requests } = recordingFetch(() => hal(dataset));
    const client = createModeClient({ ...testOptions, fetch });
    const mode = createModeDatasets({ client });
    expect(mode.client).toBe(client);
    await mode.datasets.get({ account: "a", dataset: "d1" });
    expect(requests).toHaveLength(1);
  });

  it("passes the caller's signal through", async () => {
    const { fetch, requests } = recordingFetch(() => hal(dataset));
    const mode = createModeDatasets({ ...testOptions, fetch });
    const failure = await mode.datasets
      .get({ account: "a", dataset: "d1" }, { signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ name: "AbortError" });
    expect(requests).toHaveLength(0);
  });
});
