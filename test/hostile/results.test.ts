// mode.datasets.results against a server that answers as Mode does: every row arrives, in
// order, with its awkward values intact (quoted commas, quotes, line breaks, UTF-8), whatever
// the encoding, the chunking or the size; and a run that did not succeed is an error.
import { afterEach, describe, expect, it } from "vitest";
import { ModeRunNotSucceededError } from "../../src/index.js";
import { rejection, throwingClient } from "./helpers/hostile-client.js";
import {
  COLUMNS,
  csvRow,
  jsonRow,
  type ResultsScenario,
  type ResultsServer,
  startResultsServer,
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

/** Reads every row, checking each against the row the server generated, without keeping them. */
async function checkAll(
  rows: AsyncIterable<Record<string, unknown>>,
  expected: (i: number) => Record<string, unknown>,
): Promise<number> {
  let i = 0;
  for await (const row of rows) {
    const want = expected(i);
    // A full comparison of every row would dominate the run; every value of every row is
    // still compared, by its text.
    if (JSON.stringify(row) !== JSON.stringify(want)) expect(row).toEqual(want);
    i++;
  }
  return i;
}

const dataset = { account: "northwind", dataset: "d1" };

describe.each([2_000, 300_000])("%i rows", (count) => {
  it.each([
    ["plain", {}],
    ["gzipped", { gzip: true }],
    ["with a byte order mark and CRLF line breaks", { bom: true, newline: "\r\n" as const }],
    ["in chunks of one row", { chunkRows: 1 }],
  ])("reads every CSV row, %s", async (_name, extra) => {
    if (count > 2_000 && "chunkRows" in extra) return;
    const mode = await serve({ rows: count, ...extra });
    const rows = await mode.datasets.results({ ...dataset, format: "csv" });
    expect(rows.columns).toEqual(COLUMNS);
    expect(rows.run).toBe("run-latest");
    expect(await checkAll(rows, csvRow)).toBe(count);
    expect(rows.rowCount).toBe(count);
    expect(server?.requests.map((url) => url.replace(/\?.*/, ""))).toEqual([
      "/api/northwind/datasets/d1",
      "/api/northwind/reports/d1/runs/run-latest/results/content.csv",
    ]);
  });

  it.each([
    ["plain", {}],
    ["gzipped", { gzip: true }],
  ])("reads every JSON row, %s", async (_name, extra) => {
    const mode = await serve({ rows: count, ...extra });
    const rows = await mode.datasets.results({ ...dataset, format: "json" });
    expect(rows.columns).toEqual(COLUMNS);
    expect(await checkAll(rows, jsonRow)).toBe(count);
  });
});

describe("which run", () => {
  it("reads a named run once it is known to have succeeded", async () => {
    const mode = await serve({ rows: 3 });
    const rows = await mode.datasets.results({ ...dataset, run: "r7" });
    expect(await checkAll(rows, csvRow)).toBe(3);
    expect(server?.requests).toEqual([
      "/api/northwind/datasets/d1/runs/r7",
      "/api/northwind/reports/d1/runs/r7/results/content.csv",
    ]);
  });

  it("refuses a named run that failed, with the reason its query run gives, and reads no rows", async () => {
    const mode = await serve({ rows: 3, runState: "failed" });
    const error = await rejection(mode.datasets.results({ ...dataset, run: "r7" }));
    expect(error).toBeInstanceOf(ModeRunNotSucceededError);
    expect((error as ModeRunNotSucceededError).state).toBe("failed");
    expect((error as Error).message).toMatch(
      /ended failed \(Query 1: column "regoin" does not exist\)/,
    );
    expect(server?.requests.some((url) => url.includes("/results/"))).toBe(false);
  });

  it("refuses a named run still going, and a dataset that never succeeded", async () => {
    const mode = await serve({ rows: 3, runState: "enqueued", latest: null });
    const going = await rejection(mode.datasets.results({ ...dataset, run: "r7" }));
    expect((going as ModeRunNotSucceededError).state).toBe("enqueued");
    expect((going as Error).message).toMatch(/is still enqueued.*waitForRun/);
    const never = await rejection(mode.datasets.results(dataset));
    expect(never).toBeInstanceOf(ModeRunNotSucceededError);
    expect((never as ModeRunNotSucceededError).state).toBeUndefined();
    expect(server?.requests.some((url) => url.includes("/results/"))).toBe(false);
  });
});
