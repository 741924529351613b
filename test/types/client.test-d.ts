import type { Client, Middleware } from "openapi-fetch";
import { describe, expectTypeOf, it } from "vitest";
import {
  createdAfter,
  createModeClient,
  createModeDatasets,
  filterBy,
  orderBy,
  paginate,
  type Dataset,
  type DatasetListItem,
  type DataSource,
  type ModeError,
  type ModeFilter,
  type paths,
  type Report,
  type ReportRun,
  type Space,
  type Verification,
  type WorkspaceDataset,
} from "../../src/index.js";

const client = createModeClient({ token: "t", secret: "s" });
const mode = createModeDatasets({ token: "t", secret: "s" });
const ids = { account: "northwind", dataset: "d1" };

describe("typed client", () => {
  it("types data and error of a get from the spec", async () => {
    const { data, error } = await client.GET("/{account}/datasets/{dataset}", {
      params: { path: ids },
    });
    // openapi-fetch maps bodies through Readable<>, so compare both ways rather than by identity.
    expectTypeOf<NonNullable<typeof data>>().toExtend<Dataset>();
    expectTypeOf<Dataset>().toExtend<NonNullable<typeof data>>();
    expectTypeOf<NonNullable<typeof error>>().toExtend<ModeError>();
    expectTypeOf<ModeError>().toExtend<NonNullable<typeof error>>();
    expectTypeOf(data).toExtend<object | undefined>();
  });

  it("rejects a path that is not in the spec", () => {
    // @ts-expect-error no such path
    void client.GET("/{account}/datasets", { params: { path: { account: "a" } } });
    // @ts-expect-error datasets cannot be created with POST
    void client.POST("/{account}/datasets/{dataset}", { params: { path: ids } });
  });

  it("rejects a misspelt or missing path parameter", () => {
    void client.GET("/{account}/datasets/{dataset}", {
      // @ts-expect-error `datset` is not a parameter (and `dataset` is missing)
      params: { path: { account: "a", datset: "d1" } },
    });
  });

  it("rejects an unknown query parameter and a bad order", () => {
    void client.GET("/{account}/spaces/{space}/datasets", {
      // @ts-expect-error `sort` is not a query parameter
      params: { path: { account: "a", space: "s" }, query: { sort: "name" } },
    });
    void client.GET("/{account}/spaces/{space}/datasets", {
      // @ts-expect-error order is asc or desc
      params: { path: { account: "a", space: "s" }, query: { order: "up" } },
    });
  });

  it("types a patch response and rejects a wrong body field", async () => {
    const { data } = await client.PATCH("/{account}/datasets/{dataset}", {
      params: { path: ids },
      body: { report: { name: "n" } },
    });
    expectTypeOf<NonNullable<typeof data>>().toExtend<Dataset>();
    void client.PATCH("/{account}/datasets/{dataset}", {
      params: { path: ids },
      // @ts-expect-error `title` is not an updatable field
      body: { report: { title: "x" } },
    });
    void client.POST("/{account}/reports/{report}/runs", {
      params: { path: { account: "a", report: "r" } },
      // @ts-expect-error dataset_tokens holds { token } objects, not strings
      body: { report: { dataset_tokens: ["d1"] } },
    });
  });

  it("accepts filter helpers as the filter parameter", () => {
    void client.GET("/{account}/spaces/{space}/datasets", {
      params: {
        path: { account: "a", space: "s" },
        query: { filter: createdAfter(new Date()), ...orderBy("updated_at", "desc") },
      },
    });
  });
});

describe("filter helpers", () => {
  it("returns a filter string typed by field and operator", () => {
    expectTypeOf(filterBy("created_at", "gt", 0)).toEqualTypeOf<ModeFilter>();
    expectTypeOf(orderBy("created_at", "asc")).toEqualTypeOf<{
      order_by: "created_at";
      order: "asc";
    }>();
  });

  it("rejects a wrong filter field, operator or date type", () => {
    // @ts-expect-error only created_at and updated_at can be filtered on
    filterBy("deleted_at", "gt", 0);
    // @ts-expect-error only gt and lt exist
    filterBy("created_at", "eq", 0);
    // @ts-expect-error dates are Date, string or number
    createdAfter(true);
    // @ts-expect-error only created_at and updated_at can be ordered by
    orderBy("name", "asc");
  });
});

describe("throwing layer", () => {
  it("returns unwrapped bodies and items", () => {
    expectTypeOf(mode.datasets.get(ids)).resolves.toEqualTypeOf<Dataset>();
    expectTypeOf(mode.datasets.listForSpace({ account: "a", space: "s" })).resolves.toEqualTypeOf<
      DatasetListItem[]
    >();
    expectTypeOf(mode.datasets.listReports(ids)).resolves.toEqualTypeOf<Report[]>();
    expectTypeOf(mode.reports.listRuns({ account: "a", report: "r" })).resolves.toEqualTypeOf<
      ReportRun[]
    >();
    expectTypeOf(
      mode.reports.refreshDatasets({ account: "a", report: "r" }, ["d1"]),
    ).resolves.toEqualTypeOf<ReportRun>();
    expectTypeOf(mode.datasets.delete(ids)).resolves.toEqualTypeOf<void>();
  });

  it("yields typed items from iterators and paginate", () => {
    expectTypeOf(mode.datasets.iterateForSpace({ account: "a", space: "s" })).toEqualTypeOf<
      AsyncGenerator<DatasetListItem, void, undefined>
    >();
    expectTypeOf(mode.reports.iterateRuns({ account: "a", report: "r" })).toEqualTypeOf<
      AsyncGenerator<ReportRun, void, undefined>
    >();
    expectTypeOf(
      paginate(client, "/{account}/datasets/{dataset}/reports", { params: { path: ids } }),
    ).toEqualTypeOf<AsyncGenerator<Report, void, undefined>>();
  });

  it("rejects wrong parameters and update fields", () => {
    // @ts-expect-error `space` is required
    void mode.datasets.listForSpace({ account: "a" });
    // @ts-expect-error `title` is not an updatable field
    void mode.datasets.update(ids, { title: "x" });
    // @ts-expect-error iterators drive `page` themselves
    void mode.datasets.iterateForSpace({ account: "a", space: "s", page: 2 });
    void paginate(client, "/{account}/spaces/{space}/datasets", {
      // @ts-expect-error paginate drives `page` itself
      params: { path: { account: "a", space: "s" }, query: { page: 2 } },
    });
  });
});

describe("runs, collections, data sources and the workspace walk", () => {
  const report = { account: "a", report: "r" };
  const dataset = { account: "a", dataset: "d" };

  it("types what the new methods return", () => {
    expectTypeOf(mode.reports.getRun({ ...report, run: "x" })).resolves.toEqualTypeOf<ReportRun>();
    expectTypeOf(
      mode.reports.runReport(report, { region: "EMEA" }),
    ).resolves.toEqualTypeOf<ReportRun>();
    expectTypeOf(mode.datasets.run(dataset)).resolves.toEqualTypeOf<ReportRun>();
    expectTypeOf(
      mode.datasets.getRun({ ...dataset, run: "x" }),
    ).resolves.toEqualTypeOf<ReportRun>();
    expectTypeOf(mode.datasets.listRuns(dataset)).resolves.toEqualTypeOf<ReportRun[]>();
    expectTypeOf(mode.datasets.iterateRuns(dataset)).toEqualTypeOf<
      AsyncGenerator<ReportRun, void, undefined>
    >();
    expectTypeOf(mode.spaces.list({ account: "a", filter: "all" })).resolves.toEqualTypeOf<
      Space[]
    >();
    expectTypeOf(mode.spaces.get({ account: "a", space: "s" })).resolves.toEqualTypeOf<Space>();
    expectTypeOf(mode.dataSources.list({ account: "a" })).resolves.toEqualTypeOf<DataSource[]>();
    expectTypeOf(mode.dataSources.iterate({ account: "a" })).toEqualTypeOf<
      AsyncGenerator<DataSource, void, undefined>
    >();
    expectTypeOf(mode.verify()).resolves.toEqualTypeOf<Verification>();
    expectTypeOf(mode.waitForRun({ ...dataset, run: "x" })).resolves.toEqualTypeOf<ReportRun>();
    expectTypeOf(mode.waitForRun({ ...report, run: "x" })).resolves.toEqualTypeOf<ReportRun>();
    expectTypeOf(mode.iterateAllDatasets({ account: "a" })).toEqualTypeOf<
      AsyncGenerator<WorkspaceDataset, void, undefined>
    >();
    expectTypeOf<WorkspaceDataset>().toEqualTypeOf<{ space: Space; dataset: DatasetListItem }>();
  });

  it("rejects what the new methods cannot send", () => {
    // @ts-expect-error a parameter value is a string, number or boolean, or a list of them
    void mode.reports.runReport(report, { since: new Date() });
    // @ts-expect-error the run token is required
    void mode.datasets.getRun(dataset);
    // @ts-expect-error listSpaces takes all, custom or mine as its filter
    void mode.spaces.list({ account: "a", filter: "everything" });
    // @ts-expect-error listDataSources takes no query
    void mode.dataSources.list({ account: "a", page: 2 });
    // @ts-expect-error a run belongs to a report or a Dataset
    void mode.waitForRun({ account: "a", run: "x" });
    // @ts-expect-error timeoutMs is a number or false
    void mode.waitForRun({ ...dataset, run: "x" }, { timeoutMs: true });
    // @ts-expect-error concurrency is a number
    void mode.iterateAllDatasets({ account: "a" }, { concurrency: "8" });
  });
});

describe("per-call options and withResponse", () => {
  it("takes signal, timeoutMs, retry and headers on methods and iterators", () => {
    const call = {
      signal: AbortSignal.timeout(1000),
      timeoutMs: 5_000,
      retry: { retries: 1 },
      headers: { "X-Trace": "t" },
    };
    void mode.datasets.get(ids, call);
    void mode.datasets.get(ids, { retry: false, timeoutMs: false });
    void mode.datasets.iterateForSpace({ account: "a", space: "s" }, { ...call, maxPages: 2 });
    void mode.iterateAllDatasets({ account: "a" }, { ...call, concurrency: 2 });
    void mode.waitForRun({ account: "a", dataset: "d", run: "x" }, { retry: false });
    // @ts-expect-error retry is the client's shape or false
    void mode.datasets.get(ids, { retry: true });
    // @ts-expect-error header values are strings
    void mode.datasets.get(ids, { headers: { "X-Count": 1 } });
  });

  it("gives the body and the Response of a success through withResponse", () => {
    expectTypeOf(mode.datasets.get(ids).withResponse()).resolves.toEqualTypeOf<{
      data: Dataset;
      response: Response;
    }>();
    expectTypeOf(mode.spaces.list({ account: "a" }).withResponse()).resolves.toEqualTypeOf<{
      data: Space[];
      response: Response;
    }>();
    expectTypeOf(mode.datasets.delete(ids).withResponse())
      .resolves.toHaveProperty("response")
      .toEqualTypeOf<Response>();
    // The value itself is still a Promise of the body.
    expectTypeOf(mode.datasets.get(ids)).toExtend<Promise<Dataset>>();
  });
});

describe("openapi-fetch compatibility", () => {
  it("keeps openapi-fetch's middleware api and client methods", () => {
    const middleware: Middleware = { onRequest: ({ request }) => request };
    client.use(middleware);
    client.eject(middleware);
    expectTypeOf(client.GET).toEqualTypeOf<Client<paths>["GET"]>();
    expectTypeOf(client.DELETE).toEqualTypeOf<Client<paths>["DELETE"]>();
  });
});

describe("options", () => {
  it("rejects options of the wrong shape", () => {
    // @ts-expect-error rateLimit needs intervalMs too
    createModeClient({ rateLimit: { requests: 10 } });
    // @ts-expect-error retries is a number
    createModeClient({ retry: { retries: "2" } });
    // @ts-expect-error timeoutMs is a number or false
    createModeClient({ timeoutMs: true });
    // @ts-expect-error either wrap a client or pass options, not both
    createModeDatasets({ client, token: "t" });
    // @ts-expect-error maxResponseBytes is a number or false
    createModeClient({ maxResponseBytes: true });
    createModeClient({ maxResponseBytes: false });
    void mode.datasets.iterateForSpace({ account: "a", space: "s" }, { onMaxPages: "stop" });
    // @ts-expect-error onMaxPages is "throw" or "stop"
    void mode.datasets.iterateForSpace({ account: "a", space: "s" }, { onMaxPages: "skip" });
  });
});
