// A ZIP where one CSV was expected: Mode may zip a report-level CSV, one file per query. A ZIP of
// one file is read as that CSV, whatever its Content-Type says; one of several files is refused
// with the way to each query's rows; a report of several queries is refused before any request
// for rows; and a ZIP is never read as JSON.
import { zipSync } from "fflate";
import { afterEach, describe, expect, it } from "vitest";
import { ModeInvalidResponseError } from "../../src/index.js";
import { drain, rejection, throwingClient } from "./helpers/hostile-client.js";
import {
  COLUMNS,
  csvRow,
  type ResultsScenario,
  type ResultsServer,
  startResultsServer,
  zipOf,
} from "./helpers/results-server.js";

let server: ResultsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(scenario: ResultsScenario) {
  server = await startResultsServer(scenario);
  return throwingClient(server.baseUrl);
}

const dataset = { account: "northwind", dataset: "d1" };

describe("a ZIP answer", () => {
  it.each([
    ["application/zip", undefined],
    ["text/csv", "text/csv"],
  ])("of one CSV, sent as %s, is read as that CSV", async (_name, contentType) => {
    const mode = await serve({ rows: 2_000, zip: "one", ...(contentType ? { contentType } : {}) });
    const rows = await mode.datasets.results(dataset);
    expect(rows.columns).toEqual(COLUMNS);
    const { items, error } = await drain(rows);
    expect(error).toBeUndefined();
    expect(items).toHaveLength(2_000);
    expect(items[1_999]).toEqual(csvRow(1_999));
  });

  it("of several CSVs is refused, naming the query-run path to use instead", async () => {
    const mode = await serve({ rows: 50, zip: "two" });
    // The archive's second file shows itself after the first: rows may have been handed out.
    const rows = await mode.datasets.results(dataset).catch((error: unknown) => error);
    const error =
      rows instanceof Error ? rows : (await drain(rows as AsyncIterable<unknown>)).error;
    expect(error).toBeInstanceOf(ModeInvalidResponseError);
    expect((error as Error).message).toMatch(
      /a ZIP of 2\+ files \("Weekly orders\.csv", "Orders by region\.csv"\).*queryRunResults.*\/query_runs\/\{query_run\}\/results\/content\.csv/,
    );
  });

  it("where JSON was asked for is refused", async () => {
    const mode = await serve({ rows: 0, rawBody: zipOf({ rows: 5, zip: "one" }) });
    const error = await rejection(mode.datasets.results({ ...dataset, format: "json" }));
    expect(error).toBeInstanceOf(ModeInvalidResponseError);
    expect((error as Error).message).toMatch(/ZIP archive where JSON rows were asked for/);
  });

  it("that ends inside its file is an error, not the rows so far", async () => {
    const archive = zipOf({ rows: 2_000, zip: "one" });
    const mode = await serve({
      rows: 0,
      rawBody: archive.subarray(0, archive.byteLength / 2),
      contentType: "application/zip",
    });
    const rows = await mode.datasets.results(dataset).catch((error: unknown) => error);
    const error =
      rows instanceof Error ? rows : (await drain(rows as AsyncIterable<unknown>)).error;
    expect(error).toBeInstanceOf(ModeInvalidResponseError);
    expect((error as Error).message).toMatch(/a broken ZIP archive: invalid zip data/);
  });

  it("that holds no file is refused", async () => {
    const mode = await serve({
      rows: 0,
      rawBody: Buffer.from(zipSync({})),
      contentType: "application/zip",
    });
    const error = await rejection(mode.datasets.results(dataset));
    expect(error).toBeInstanceOf(ModeInvalidResponseError);
    expect((error as Error).message).toMatch(/holds no file/);
  });

  it("cut off inside its file is an error, not the rows so far", async () => {
    const mode = await serve({ rows: 2_000, zip: "one", cutAfterBytes: 5_000 });
    const rows = await mode.datasets.results(dataset).catch((error: unknown) => error);
    const error =
      rows instanceof Error ? rows : (await drain(rows as AsyncIterable<unknown>)).error;
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toMatch(/ModeConnectionError|ModeInvalidResponseError/);
  });
});

describe("a report's rows", () => {
  it("of a report with several queries are refused before any request for rows, naming its query runs", async () => {
    const mode = await serve({ rows: 5, queryRuns: 3 });
    const error = await rejection(mode.reports.results({ account: "northwind", report: "r1" }));
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toMatch(
      /has 3 queries.*qr1 \(Query 1\), qr2 \(Query 2\), qr3 \(Query 3\).*mode\.reports\.queryRunResults/,
    );
    expect(server?.requests.some((url) => url.includes("/results/"))).toBe(false);
  });

  it("of a report with one query are read from its run", async () => {
    const mode = await serve({ rows: 5, queryRuns: 1 });
    const rows = await mode.reports.results({ account: "northwind", report: "r1", format: "json" });
    expect((await drain(rows)).items).toHaveLength(5);
    expect(server?.requests).toEqual([
      "/api/northwind/reports/r1",
      "/api/northwind/reports/r1/runs/run-latest/query_runs",
      "/api/northwind/reports/r1/runs/run-latest/results/content.json",
    ]);
  });

  it("of one query run are read from the query run's own file", async () => {
    const mode = await serve({ rows: 7, queryRuns: 3 });
    const rows = await mode.reports.queryRunResults({
      account: "northwind",
      report: "r1",
      run: "run9",
      query_run: "qr2",
    });
    expect(rows.run).toBe("qr2");
    expect((await drain(rows)).items).toHaveLength(7);
    expect(server?.requests).toEqual([
      "/api/northwind/reports/r1/runs/run9/query_runs/qr2",
      "/api/northwind/reports/r1/runs/run9/query_runs/qr2/results/content.csv",
    ]);
  });
});
