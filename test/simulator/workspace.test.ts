// The simulated API behaves as Mode does, on a hand-moved clock: the seed makes the same
// workspace every time, writes read back, listings filter, sort and page as documented with
// `next_page` links, runs take Mode's time and some Datasets' runs fail, result content holds the
// seed's rows as CSV and JSON, the rate limit answers 429 with Retry-After, unknown workspaces
// and tokens answer Mode's 404, and faults come by name and count.
import { describe, expect, it } from "vitest";
import { createModeSimulator } from "../../kit/simulator/index.js";
import { basic, handDriven } from "./support/clients.js";

type Sim = ReturnType<typeof handDriven>;

async function spacesOf(sim: Sim): Promise<Array<{ token: string; name: string }>> {
  return (await sim.json("/northwind/spaces")).body._embedded.spaces;
}

async function datasetsOf(sim: Sim, space: string, query = "per_page=1000") {
  return (await sim.json(`/northwind/spaces/${space}/datasets?${query}`)).body._embedded
    .reports as Array<{
    token: string;
    name: string;
    created_at: string;
    updated_at: string;
    last_run_at: string | null;
    _links: Record<string, { href: string }>;
  }>;
}

describe("the seeded workspace", () => {
  it("is the same for the same seed and differs for another", async () => {
    const snapshot = async (seed: number): Promise<string> => {
      const sim = handDriven({ seed, collections: 4, datasets: 30 });
      const spaces = await spacesOf(sim);
      const all = await Promise.all(spaces.map((s) => datasetsOf(sim, s.token)));
      return JSON.stringify([spaces, all]);
    };
    expect(await snapshot(42)).toBe(await snapshot(42));
    expect(await snapshot(42)).not.toBe(await snapshot(43));
  });

  it("has the Collections and Datasets it was asked for, half of them in the first Collection", async () => {
    const sim = handDriven({ collections: 5, datasets: 90 });
    const spaces = await spacesOf(sim);
    expect(spaces).toHaveLength(5);
    const counts = await Promise.all(
      spaces.map(async (s) => (await datasetsOf(sim, s.token)).length),
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(90);
    expect(counts[0]).toBeGreaterThan(30);
  });

  it("answers at Mode's default base URL and at any other", async () => {
    const sim = createModeSimulator();
    const headers = { authorization: basic() };
    for (const url of [
      "https://app.mode.com/api/northwind/spaces",
      "http://127.0.0.1:4010/northwind/spaces",
      "http://localhost:9/api/northwind/spaces/",
    ]) {
      const response = await sim.fetch(url, { headers });
      expect(response.status, url).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/hal+json");
      expect(response.headers.get("x-ratelimit-limit")).toBe("40");
      await response.arrayBuffer();
    }
  });

  it("answers an unknown workspace or token with Mode's 404 body", async () => {
    const sim = handDriven();
    for (const [path, message] of [
      ["/elsewhere/spaces", "account not found: no workspace or user elsewhere"],
      [
        "/northwind/datasets/000000000000",
        "dataset not found: no dataset 000000000000 in northwind",
      ],
      [
        "/northwind/spaces/000000000000/datasets",
        "space not found: no space 000000000000 in northwind",
      ],
    ] as const) {
      const { status, body, response } = await sim.json(path);
      expect(status).toBe(404);
      expect(response.headers.get("content-type")).toBe("application/json");
      expect(body).toEqual({ id: "not_found", message });
    }
  });
});

describe("writes", () => {
  it("renames, describes and moves a Dataset, and every read shows it", async () => {
    const sim = handDriven();
    const [first, second] = await spacesOf(sim);
    const [dataset] = await datasetsOf(sim, first?.token as string);
    const path = `/northwind/datasets/${dataset?.token}`;
    sim.advance(5_000);
    const response = await sim.send("PATCH", path, {
      body: {
        report: {
          name: "Orders by region (EU)",
          description: "EU only",
          space_token: second?.token,
        },
      },
    });
    expect(response.status).toBe(200);
    const updated = await response.json();
    expect(updated).toMatchObject({
      name: "Orders by region (EU)",
      description: "EU only",
      space_token: second?.token,
    });
    expect(updated.updated_at).toBe("2024-09-02T08:00:05.000Z");
    expect((await sim.json(path)).body).toMatchObject({
      name: "Orders by region (EU)",
      space_token: second?.token,
    });
    expect((await datasetsOf(sim, second?.token as string)).map((d) => d.name)).toContain(
      "Orders by region (EU)",
    );
    expect((await datasetsOf(sim, first?.token as string)).map((d) => d.token)).not.toContain(
      dataset?.token,
    );
  });

  it("refuses a move to a Collection that does not exist, changing nothing", async () => {
    const sim = handDriven();
    const [space] = await spacesOf(sim);
    const [dataset] = await datasetsOf(sim, space?.token as string);
    const path = `/northwind/datasets/${dataset?.token}`;
    const response = await sim.send("PATCH", path, {
      body: { report: { name: "x", space_token: "000000000000" } },
    });
    expect(response.status).toBe(400);
    expect((await response.json()).message).toMatch(/space_token 000000000000 names no Collection/);
    expect((await sim.json(path)).body.name).toBe(dataset?.name);
  });

  it("deletes a Dataset: it answers 404 and leaves every listing", async () => {
    const sim = handDriven();
    const [space] = await spacesOf(sim);
    const [dataset] = await datasetsOf(sim, space?.token as string);
    const path = `/northwind/datasets/${dataset?.token}`;
    const deleted = await sim.send("DELETE", path);
    expect(deleted.status).toBe(200);
    expect(await deleted.text()).toBe("");
    expect((await sim.json(path)).status).toBe(404);
    expect((await sim.json(`${path}/runs`)).status).toBe(404);
    expect((await datasetsOf(sim, space?.token as string)).map((d) => d.token)).not.toContain(
      dataset?.token,
    );
    expect((await sim.send("DELETE", path)).status).toBe(404);
  });
});

describe("listings", () => {
  it("filter by created_at and updated_at, after and before", async () => {
    const sim = handDriven({ datasets: 90 });
    const [space] = await spacesOf(sim);
    const all = await datasetsOf(sim, space?.token as string);
    const middle = [...all].sort((a, b) => a.created_at.localeCompare(b.created_at))[
      Math.floor(all.length / 2)
    ]?.created_at;
    const after = await datasetsOf(
      sim,
      space?.token as string,
      `per_page=1000&filter=created_at.gt.${middle}`,
    );
    const before = await datasetsOf(
      sim,
      space?.token as string,
      `per_page=1000&filter=created_at.lt.${middle}`,
    );
    expect(after.every((d) => d.created_at > (middle as string))).toBe(true);
    expect(before.every((d) => d.created_at < (middle as string))).toBe(true);
    expect(after.length + before.length).toBe(all.length - 1);
    expect(
      await datasetsOf(sim, space?.token as string, "filter=created_at.gt.2030-01-01T00:00:00Z"),
    ).toEqual([]);
    const updated = await datasetsOf(
      sim,
      space?.token as string,
      "per_page=1000&filter=updated_at.gt.2024-06-01T00:00:00.000Z",
    );
    expect(updated.every((d) => d.updated_at > "2024-06-01T00:00:00.000Z")).toBe(true);
  });

  it("refuses a filter whose moment does not exist", async () => {
    const sim = handDriven();
    const [space] = await spacesOf(sim);
    const { status, body } = await sim.json(
      `/northwind/spaces/${space?.token}/datasets?filter=created_at.gt.2019-02-31T00:00:00Z`,
    );
    expect(status).toBe(400);
    expect(body.message).toMatch(/2019-02 has 28 days, so day 31 does not exist/);
  });

  it("sort by created_at or updated_at, newest first unless asked otherwise", async () => {
    const sim = handDriven({ datasets: 40 });
    const [space] = await spacesOf(sim);
    const token = space?.token as string;
    const times = async (query: string, field: "created_at" | "updated_at") =>
      (await datasetsOf(sim, token, `per_page=1000&${query}`)).map((d) => d[field]);
    const sorted = (values: string[], direction: 1 | -1) =>
      [...values].sort((a, b) => direction * a.localeCompare(b));
    const newestFirst = await times("", "created_at");
    expect(newestFirst).toEqual(sorted(newestFirst, -1));
    const ascending = await times("order=asc&order_by=created_at", "created_at");
    expect(ascending).toEqual(sorted(ascending, 1));
    const byUpdate = await times("order=desc&order_by=updated_at", "updated_at");
    expect(byUpdate).toEqual(sorted(byUpdate, -1));
  });

  it("page with per_page, next_page and prev_page links that keep the query, and pagination totals", async () => {
    const sim = handDriven({ datasets: 90 });
    const [space] = await spacesOf(sim);
    const base = `/northwind/spaces/${space?.token}/datasets`;
    const all = await datasetsOf(sim, space?.token as string, "per_page=1000&order=asc");
    const seen: string[] = [];
    let path: string | undefined = `${base}?order=asc&per_page=7`;
    let pages = 0;
    while (path) {
      const { body } = await sim.json(path);
      pages += 1;
      expect(body.pagination).toMatchObject({
        page: pages,
        per_page: 7,
        total_count: all.length,
        total_pages: Math.ceil(all.length / 7),
      });
      seen.push(...body._embedded.reports.map((d: { token: string }) => d.token));
      if (pages > 1) expect(body._links.prev_page.href).toContain(`page=${pages - 1}`);
      path = body._links.next_page?.href.replace(/^\/api/, "");
      if (path) expect(path).toContain("order=asc");
    }
    expect(seen).toEqual(all.map((d) => d.token));
    const past = (await sim.json(`${base}?page=${pages + 1}&per_page=7`)).body;
    expect(past._embedded).toEqual({});
    expect(past._links.next_page).toBeUndefined();
  });

  it("list data sources all at once and each one's Datasets", async () => {
    const sim = handDriven({ datasets: 60 });
    const sources = (await sim.json("/northwind/data_sources")).body._embedded.data_sources;
    expect(sources.length).toBeGreaterThan(1);
    let total = 0;
    for (const source of sources) {
      total += (await sim.json(`/northwind/data_sources/${source.token}/datasets?per_page=1000`))
        .body._embedded.reports.length;
    }
    expect(total).toBe(60);
  });
});

describe("runs", () => {
  async function findDatasets(sim: Sim) {
    const [space] = await spacesOf(sim);
    const datasets = await datasetsOf(sim, space?.token as string);
    const states = await Promise.all(
      datasets.map(async (d) => {
        const runs = (await sim.json(`/northwind/datasets/${d.token}/runs?order=desc`)).body
          ._embedded.report_runs;
        return { dataset: d, lastState: runs[0]?.state as string };
      }),
    );
    return states;
  }

  it("stay enqueued while they wait and run, then succeed, over Mode's time, scaled", async () => {
    const sim = handDriven({ datasets: 40, timeScale: 10 });
    const healthy = (await findDatasets(sim)).find((d) => d.lastState === "succeeded")?.dataset;
    const runs = `/northwind/datasets/${healthy?.token}/runs`;
    const started = await sim.send("POST", runs);
    expect(started.status).toBe(202);
    const run = await started.json();
    expect(run).toMatchObject({ state: "enqueued", completed_at: null });
    const seen = [run.state];
    for (let i = 0; i < 200 && seen.at(-1) !== "succeeded"; i++) {
      sim.advance(100); // one second of Mode's time at time scale 10
      const state = (await sim.json(`${runs}/${run.token}`)).body.state;
      if (state !== seen.at(-1)) seen.push(state);
    }
    expect(seen).toEqual(["enqueued", "succeeded"]);
    const dataset = (await sim.json(`/northwind/datasets/${healthy?.token}`)).body;
    expect(dataset.last_successful_run_token).toBe(run.token);
    expect(dataset._links.last_run.href).toBe(
      `/api/northwind/reports/${healthy?.token}/runs/${run.token}`,
    );
  });

  it("fail for the Datasets the seed picks, every time", async () => {
    const sim = handDriven({ datasets: 40, timeScale: 100 });
    const failing = (await findDatasets(sim)).find((d) => d.lastState === "failed")?.dataset;
    expect(failing).toBeDefined();
    const runs = `/northwind/datasets/${failing?.token}/runs`;
    const run = await (await sim.send("POST", runs)).json();
    sim.advance(10_000);
    expect((await sim.json(`${runs}/${run.token}`)).body).toMatchObject({
      state: "failed",
      is_latest_successful_report_run: false,
    });
  });

  it("start a report run or a refresh of the Datasets a report imports, and refuse an unknown Dataset", async () => {
    const sim = handDriven();
    const [space] = await spacesOf(sim);
    let report: { token: string } | undefined;
    let imported = "";
    for (const dataset of await datasetsOf(sim, space?.token as string)) {
      report = (await sim.json(`/northwind/datasets/${dataset.token}/reports`)).body._embedded
        .reports?.[0];
      imported = dataset.token;
      if (report) break;
    }
    const runs = `/northwind/reports/${report?.token}/runs`;
    const refresh = await sim.send("POST", runs, {
      body: { report: { dataset_tokens: [{ token: imported }] } },
    });
    expect(refresh.status).toBe(202);
    const run = await sim.send("POST", runs, { body: { parameters: { region: "EMEA" } } });
    expect((await run.json()).parameters).toEqual({ region: "EMEA" });
    const unknown = await sim.send("POST", runs, {
      body: { report: { dataset_tokens: [{ token: "000000000000" }] } },
    });
    expect(unknown.status).toBe(404);
  });
});

describe("result content", () => {
  it("serves a finished run's rows as CSV and JSON, the same rows in both, the same every time", async () => {
    const sim = handDriven({ timeScale: 1000 });
    const [space] = await spacesOf(sim);
    const datasets = await datasetsOf(sim, space?.token as string);
    let checked = 0;
    for (const dataset of datasets) {
      const runs = (await sim.json(`/northwind/datasets/${dataset.token}/runs`)).body._embedded
        .report_runs;
      const done = runs.find((r: { state: string }) => r.state === "succeeded");
      if (!done) continue;
      const base = `/northwind/reports/${dataset.token}/runs/${done.token}/results/content`;
      const csv = await sim.send("GET", `${base}.csv`);
      expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      const text = await csv.text();
      const json = await (await sim.send("GET", `${base}.json`)).json();
      const header = text.split("\r\n")[0]?.split(",");
      expect(Object.keys(json[0])).toEqual(header);
      // Records end in CRLF; a quoted field may hold a line break of its own.
      const records =
        text.match(/(?:"(?:[^"]|"")*"|[^,"\r\n]*)(?:,(?:"(?:[^"]|"")*"|[^,"\r\n]*))*\r\n/g) ?? [];
      expect(records.length - 1).toBe(json.length);
      expect(await (await sim.send("GET", `${base}.csv`)).text()).toBe(text);
      checked += 1;
      if (checked === 3) break;
    }
    expect(checked).toBe(3);
  });

  it("answers 404 for a run that has not succeeded", async () => {
    const sim = handDriven();
    const [space] = await spacesOf(sim);
    const [dataset] = await datasetsOf(sim, space?.token as string);
    const run = await (await sim.send("POST", `/northwind/datasets/${dataset?.token}/runs`)).json();
    const { status, body } = await sim.json(
      `/northwind/reports/${dataset?.token}/runs/${run.token}/results/content.json`,
    );
    expect(status).toBe(404);
    expect(body).toEqual({ id: "not_found", message: "run results not found" });
  });
});

describe("the rate limit", () => {
  it("admits 40 requests per credential in 10 s of Mode's time, then answers 429 with Retry-After until the window moves", async () => {
    const sim = handDriven({ timeScale: 5 });
    for (let i = 0; i < 40; i++) {
      expect((await sim.send("GET", "/verify")).status).toBe(200);
      sim.advance(10);
    }
    const limited = await sim.send("GET", "/verify");
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({
      id: "rate_limited",
      message: "Rate limit exceeded, retry later",
    });
    // 10 s of Mode's time is 2 s of the machine's at time scale 5; 400 ms of it has passed.
    expect(limited.headers.get("retry-after")).toBe("2");
    expect(
      (await sim.send("GET", "/verify", { headers: { authorization: basic("someone-else", "s") } }))
        .status,
    ).toBe(200);
    sim.advance(1_600);
    expect((await sim.send("GET", "/verify")).status).toBe(200);
  });
});

describe("faults", () => {
  it("answer the first N reads 500 and then behave", async () => {
    const sim = handDriven({ faults: "server-error=2" });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await sim.send("GET", "/northwind/spaces")).status);
    expect(statuses).toEqual([500, 500, 200]);
  });

  it("stall a body after half of it, until the reader gives up", async () => {
    const sim = handDriven({ faults: "stalled-body=1" });
    const response = await sim.send("GET", "/northwind/spaces");
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    const next = reader.read();
    const state = await Promise.race([
      next.then(() => "moved"),
      new Promise((r) => setTimeout(() => r("stalled"), 50)),
    ]);
    expect(state).toBe("stalled");
    await reader.cancel();
    expect(sim.engine.report().verdict).toBe("pass");
  });

  it("end a stalled body and refuse new requests once closed", async () => {
    const sim = handDriven({ faults: "stalled-body=1" });
    const response = await sim.send("GET", "/northwind/spaces");
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    const pending = reader.read();
    sim.engine.close();
    await expect(pending).rejects.toThrow(/stalled body/);
    await expect(sim.send("GET", "/verify")).rejects.toThrow(/closed/);
  });

  it("answer slowly, and stop waiting when the request is aborted", async () => {
    const sim = createModeSimulator({ faults: "slow-answer=1" });
    const abort = new AbortController();
    const slow = sim.fetch("https://app.mode.com/api/verify", {
      headers: { authorization: basic() },
      signal: abort.signal,
    });
    abort.abort(new Error("gave up"));
    await expect(slow).rejects.toThrow("gave up");
    expect(
      (await sim.fetch("https://app.mode.com/api/verify", { headers: { authorization: basic() } }))
        .status,
    ).toBe(200);
    sim.close();
  });

  it("refuse a fault it does not know, naming the known ones", () => {
    expect(() => createModeSimulator({ faults: "write-rest=1" })).toThrow(
      'unknown fault "write-rest"; expected one of write-reset, write-error, server-error, stalled-body, slow-answer',
    );
    expect(() => createModeSimulator({ faults: "write-reset=0" })).toThrow(
      /expected a whole number of at least 1/,
    );
    expect(() => createModeSimulator({ faults: "write-reset" })).toThrow(/is not NAME=COUNT/);
  });
});

describe("options", () => {
  it.each([
    [{ seed: -1 }, "seed -1 is invalid; expected a whole number from 0 to 4294967295"],
    [{ collections: 0 }, "collections 0 is invalid; expected a whole number from 1 to 1000"],
    [{ datasets: 1.5 }, "datasets 1.5 is invalid; expected a whole number from 0 to 100000"],
    [{ timeScale: 0 }, "timeScale 0 is invalid; expected a number from 0.01 to 10000"],
    [{ timeScale: Number.NaN }, "timeScale NaN is invalid; expected a number from 0.01 to 10000"],
  ])("refuse %j", (options, message) => {
    expect(() => createModeSimulator(options)).toThrow(message);
  });
});

describe("reports, queries and columns", () => {
  /** A report with several queries, one of its succeeded runs, and that run's query runs. */
  async function multiQueryRun(sim: Sim) {
    for (const space of await spacesOf(sim)) {
      for (const report of (
        await sim.json(`/northwind/spaces/${space.token}/reports?per_page=1000`)
      ).body._embedded.reports ?? []) {
        const queries = (await sim.json(`/northwind/reports/${report.token}/queries`)).body
          ._embedded.queries;
        if (queries.length < 2) continue;
        const runs = (await sim.json(`/northwind/reports/${report.token}/runs?per_page=1000`)).body
          ._embedded.report_runs;
        const run = runs.find((r: { state: string }) => r.state === "succeeded");
        if (!run) continue;
        const at = `/northwind/reports/${report.token}/runs/${run.token}`;
        const queryRuns = (await sim.json(`${at}/query_runs`)).body._embedded.query_runs;
        return { report, queries, at, queryRuns };
      }
    }
    throw new Error("no report with several queries and a succeeded run");
  }

  it("answers a several-query report's CSV as a ZIP of one CSV per query run", async () => {
    const sim = handDriven({ datasets: 60 });
    const { queries, at, queryRuns } = await multiQueryRun(sim);
    expect(queryRuns.map((q: { query_token: string }) => q.query_token)).toEqual(
      queries.map((q: { token: string }) => q.token),
    );
    const zip = await sim.send("GET", `${at}/results/content.csv`);
    expect(zip.headers.get("content-type")).toBe("application/zip");
    expect(zip.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.zip"$/);
    const entries = storedEntries(new Uint8Array(await zip.arrayBuffer()));
    expect(entries).toHaveLength(queries.length);
    for (const [i, queryRun] of queryRuns.entries()) {
      const csv = await (
        await sim.send("GET", `${at}/query_runs/${queryRun.token}/results/content.csv`)
      ).text();
      expect(new TextDecoder().decode(entries[i]?.data)).toBe(csv);
    }
  });

  it("says why a failed Dataset run failed in its query run", async () => {
    const sim = handDriven({ datasets: 40, timeScale: 100 });
    for (const space of await spacesOf(sim)) {
      for (const dataset of await datasetsOf(sim, space.token)) {
        const runs = (await sim.json(`/northwind/datasets/${dataset.token}/runs?per_page=1000`))
          .body._embedded.report_runs;
        const failed = runs.find((r: { state: string }) => r.state === "failed");
        if (!failed) continue;
        const [queryRun] = (
          await sim.json(`/northwind/reports/${dataset.token}/runs/${failed.token}/query_runs`)
        ).body._embedded.query_runs;
        expect(queryRun).toMatchObject({ state: "failed", error_code: "SqlUnknownObject" });
        expect(queryRun.error_message).toMatch(/does not exist or not authorized/);
        const content = await sim.json(
          `/northwind/reports/${dataset.token}/runs/${failed.token}/results/content.json`,
        );
        expect(content.body).toEqual({ id: "not_found", message: "run results not found" });
        return;
      }
    }
    throw new Error("no failed run");
  });

  it("describes, redescribes and undescribes a column, refusing one the Dataset does not have", async () => {
    const sim = handDriven();
    const [space] = await spacesOf(sim);
    const [dataset] = await datasetsOf(sim, space?.token as string);
    const at = `/northwind/datasets/${dataset?.token}`;
    const columns = (await sim.json(`${at}/fields`)).body._embedded.fields.map(
      (f: { name: string }) => f.name,
    );
    const described =
      (await sim.json(`${at}/field_descriptions`)).body._embedded.field_descriptions?.map(
        (d: { name: string }) => d.name,
      ) ?? [];
    const column = columns.find((c: string) => !described.includes(c));
    const created = await (
      await sim.send("POST", `${at}/field_descriptions`, {
        body: { field_description: { name: column, desc: "First words." } },
      })
    ).json();
    expect(created).toMatchObject({ name: column, description: "First words." });
    const changed = await (
      await sim.send("PATCH", `${at}/field_descriptions/${created.token}`, {
        body: { desc: "Better words." },
      })
    ).json();
    expect(changed.description).toBe("Better words.");
    expect((await sim.json(`${at}/field_descriptions`)).body._embedded.field_descriptions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ token: created.token, description: "Better words." }),
      ]),
    );
    expect((await sim.send("DELETE", `${at}/field_descriptions/${created.token}`)).status).toBe(
      200,
    );
    expect(
      (
        await sim.send("PATCH", `${at}/field_descriptions/${created.token}`, {
          body: { desc: "x" },
        })
      ).status,
    ).toBe(404);
    const unknown = await sim.send("POST", `${at}/field_descriptions`, {
      body: { name: "no_such_column", desc: "x" },
    });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).message).toMatch(
      /has no column "no_such_column"; its columns are /,
    );
  });

  it("renames, moves and deletes a report, and lists Collections at /collections as at /spaces", async () => {
    const sim = handDriven();
    const [first, second] = await spacesOf(sim);
    expect((await sim.json("/northwind/collections")).body._embedded.spaces).toEqual(
      await spacesOf(sim),
    );
    const report =
      (await sim.json(`/northwind/collections/${first?.token}/reports?per_page=1000`)).body
        ._embedded.reports?.[0] ??
      (await sim.json(`/northwind/spaces/${second?.token}/reports?per_page=1000`)).body._embedded
        .reports[0];
    const at = `/northwind/reports/${report.token}`;
    const moved = await (
      await sim.send("PATCH", at, {
        body: { report: { name: "Board pack", space_token: second?.token } },
      })
    ).json();
    expect(moved).toMatchObject({ name: "Board pack", space_token: second?.token });
    const inSecond = (await sim.json(`/northwind/spaces/${second?.token}/reports?per_page=1000`))
      .body._embedded.reports;
    expect(inSecond.map((r: { token: string }) => r.token)).toContain(report.token);
    expect((await sim.send("DELETE", at)).status).toBe(200);
    expect((await sim.json(at)).status).toBe(404);
    expect((await sim.json(`${at}/runs`)).status).toBe(404);
  });
});

/** The entries of a ZIP of stored files: enough of the format to check what the simulator wrote. */
function storedEntries(zip: Uint8Array): Array<{ name: string; data: Uint8Array }> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const entries: Array<{ name: string; data: Uint8Array }> = [];
  let at = 0;
  while (view.getUint32(at, true) === 0x04034b50) {
    expect(view.getUint16(at + 8, true)).toBe(0);
    const size = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const name = new TextDecoder().decode(zip.subarray(at + 30, at + 30 + nameLength));
    const start = at + 30 + nameLength + view.getUint16(at + 28, true);
    entries.push({ name, data: zip.subarray(start, start + size) });
    at = start + size;
  }
  expect(view.getUint32(zip.byteLength - 22, true)).toBe(0x06054b50);
  expect(view.getUint16(zip.byteLength - 22 + 10, true)).toBe(entries.length);
  return entries;
}
