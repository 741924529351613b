// The requests the results methods send (inject fetch, assert the real Request), and how the
// transport treats a streamed answer: its body handed up as it arrives, never read whole, not
// held to maxResponseBytes; its error answers retried and redacted like any other.
import { describe, expect, it } from "vitest";
import {
  createModeDatasets,
  ModeNotFoundError,
  ModeRunNotSucceededError,
} from "../../../src/index.js";
import { hal, modeError, recordingFetch, testOptions } from "../helpers/recording-fetch.js";

const dataset = {
  token: "d1",
  last_successful_run_token: "c81d5f2a9e63",
  _links: { self: { href: "x" } },
};
const csv = (text: string, headers: Record<string, string> = {}) =>
  new Response(text, { headers: { "content-type": "text/csv", ...headers } });
const where = (url: string | undefined): string => new URL(url ?? "").pathname;

async function all<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

describe("the requests", () => {
  it("reads the dataset's latest successful run as CSV, accepting every answer Mode documents", async () => {
    const { fetch, requests } = recordingFetch((request) =>
      request.url.includes("/results/") ? csv("id,name\n1,a\n") : hal(dataset),
    );
    const mode = createModeDatasets({ ...testOptions, fetch });
    const rows = await mode.datasets.results({
      account: "northwind",
      dataset: "d1",
      format: "csv",
    });
    expect(await all(rows)).toEqual([{ id: "1", name: "a" }]);
    expect(requests.map((r) => where(r.url))).toEqual([
      "/api/northwind/datasets/d1",
      "/api/northwind/reports/d1/runs/c81d5f2a9e63/results/content.csv",
    ]);
    const content = requests[1];
    expect(content?.method).toBe("GET");
    expect(content?.headers.get("accept")).toBe(
      "text/csv, application/zip, application/json;q=0.9",
    );
    expect(content?.headers.get("authorization")).toMatch(/^Basic /);
  });

  it("reads JSON from content.json with Accept: application/json, and a query run's from its own path", async () => {
    const { fetch, requests } = recordingFetch((request) =>
      request.url.includes("/results/")
        ? new Response('[{"id":1}]', { headers: { "content-type": "application/json" } })
        : hal({
            token: "qr1",
            state: "succeeded",
            created_at: "x",
            _links: { self: { href: "x" } },
          }),
    );
    const mode = createModeDatasets({ ...testOptions, fetch });
    const rows = await mode.reports.queryRunResults({
      account: "a",
      report: "r1",
      run: "run1",
      query_run: "qr1",
      format: "json",
    });
    expect(await all(rows)).toEqual([{ id: 1 }]);
    expect(where(requests[1]?.url)).toBe(
      "/api/a/reports/r1/runs/run1/query_runs/qr1/results/content.json",
    );
    expect(requests[1]?.headers.get("accept")).toBe("application/json");
  });

  it("sends one call's headers on every request of the call", async () => {
    const { fetch, requests } = recordingFetch((request) =>
      request.url.includes("/results/") ? csv("id\n1\n") : hal(dataset),
    );
    const mode = createModeDatasets({ ...testOptions, fetch });
    await all(
      await mode.datasets.results(
        { account: "a", dataset: "d1" },
        { headers: { "X-Trace": "t1" } },
      ),
    );
    expect(requests.map((r) => r.headers.get("x-trace"))).toEqual(["t1", "t1"]);
  });

  it("throws the typed error of a content request Mode refuses (a purged run)", async () => {
    const { fetch } = recordingFetch((request) =>
      request.url.includes("/results/")
        ? modeError(404, "not_found", "run results not found")
        : hal(dataset),
    );
    const mode = createModeDatasets({ ...testOptions, fetch });
    await expect(mode.datasets.results({ account: "a", dataset: "d1" })).rejects.toThrow(
      ModeNotFoundError,
    );
  });

  it("checks a named run's state before asking for its rows", async () => {
    const { fetch, requests } = recordingFetch(() =>
      hal({ token: "r1", state: "pending", created_at: "x", _links: { self: { href: "x" } } }),
    );
    const mode = createModeDatasets({ ...testOptions, fetch });
    await expect(
      mode.datasets.results({ account: "a", dataset: "d1", run: "r1" }),
    ).rejects.toBeInstanceOf(ModeRunNotSucceededError);
    expect(requests.map((r) => where(r.url))).toEqual(["/api/a/datasets/d1/runs/r1"]);
  });
});

describe("a streamed answer", () => {
  it("hands up the columns and first rows before the body has ended", async () => {
    let push: ((text: string) => void) | undefined;
    let end: (() => void) | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (text) => controller.enqueue(new TextEncoder().encode(text));
        end = () => controller.close();
      },
    });
    const { fetch } = recordingFetch((request) =>
      request.url.includes("/results/")
        ? new Response(body, { headers: { "content-type": "text/csv" } })
        : hal(dataset),
    );
    const mode = createModeDatasets({ ...testOptions, fetch });
    push?.("id,name\n1,a\n");
    const rows = await mode.datasets.results({ account: "a", dataset: "d1" });
    expect(rows.columns).toEqual(["id", "name"]);
    const iterator = rows[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual({ id: "1", name: "a" });
    push?.("2,b\n");
    expect((await iterator.next()).value).toEqual({ id: "2", name: "b" });
    end?.();
    expect((await iterator.next()).done).toBe(true);
  });

  it("is not held to maxResponseBytes, which bounds bodies read whole", async () => {
    const text = `id,name\n${Array.from({ length: 1_000 }, (_, i) => `${i},name ${i}`).join("\n")}\n`;
    const { fetch } = recordingFetch((request) =>
      request.url.includes("/results/") ? csv(text) : hal(dataset),
    );
    const mode = createModeDatasets({ ...testOptions, fetch, maxResponseBytes: 1_000 });
    expect(await all(await mode.datasets.results({ account: "a", dataset: "d1" }))).toHaveLength(
      1_000,
    );
  });

  it("is retried like any GET when Mode answers 503 first", async () => {
    const { fetch, requests } = recordingFetch((request, index) =>
      !request.url.includes("/results/")
        ? hal(dataset)
        : index === 1
          ? modeError(503, "unavailable", "try later")
          : csv("id\n1\n"),
    );
    const mode = createModeDatasets({ ...testOptions, fetch });
    expect(await all(await mode.datasets.results({ account: "a", dataset: "d1" }))).toEqual([
      { id: "1" },
    ]);
    expect(requests).toHaveLength(3);
  });

  it("has the credentials redacted from an error answer, as every error has", async () => {
    const { fetch } = recordingFetch((request) =>
      request.url.includes("/results/")
        ? modeError(404, "not_found", `no results for ${testOptions.secret}`)
        : hal(dataset),
    );
    const mode = createModeDatasets({ ...testOptions, fetch });
    const error = await mode.datasets.results({ account: "a", dataset: "d1" }).catch((e) => e);
    expect(error).toBeInstanceOf(ModeNotFoundError);
    expect(JSON.stringify(error)).not.toContain(testOptions.secret);
    expect(String(error.message)).not.toContain(testOptions.secret);
  });
});
