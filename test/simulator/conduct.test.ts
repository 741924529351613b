// The conduct rules, each shown by a client that breaks it and by one that keeps to it, on a
// simulator whose clock is moved by hand: what a rule judges is time, and no test here waits
// for it. Each finding must carry its rule, severity, a message and the requests that show it.
import { describe, expect, it } from "vitest";
import type { Evidence } from "../../kit/simulator/index.js";
import { handDriven } from "./support/clients.js";

const rulesOf = (sim: ReturnType<typeof handDriven>): string[] =>
  sim.engine.report().findings.map((f) => `${f.severity} ${f.rule}`);

/** A Collection with more than one page of Datasets at `per_page`, and its Datasets. */
async function bigSpace(sim: ReturnType<typeof handDriven>) {
  const spaces = (await sim.json("/northwind/spaces")).body._embedded.spaces;
  const space = spaces[0].token as string;
  const datasets = (await sim.json(`/northwind/spaces/${space}/datasets?per_page=1000`)).body
    ._embedded.reports;
  return { space, datasets: datasets as Array<{ token: string; name: string }> };
}

async function drain(response: Response): Promise<Response> {
  await response.arrayBuffer();
  return response;
}

describe("rate-limit/retry-after-ignored", () => {
  async function fillWindow(sim: ReturnType<typeof handDriven>): Promise<Response> {
    for (let i = 0; i < 40; i++)
      expect((await drain(await sim.send("GET", "/verify"))).status).toBe(200);
    return drain(await sim.send("GET", "/verify"));
  }

  it("is an error when a client sends again before Retry-After runs out", async () => {
    const sim = handDriven();
    const limited = await fillWindow(sim);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("10");
    for (let i = 0; i < 5; i++) {
      sim.advance(1_500);
      await drain(await sim.send("GET", "/verify"));
    }
    const report = sim.engine.report();
    const finding = report.findings.find((f) => f.rule === "rate-limit/retry-after-ignored");
    expect(finding).toMatchObject({ severity: "error", count: 5 });
    expect(finding?.message).toMatch(
      /5 request\(s\) on credential 1 were sent before a 429's Retry-After ran out/,
    );
    expect(finding?.evidence[0]).toMatchObject({
      seq: 41,
      method: "GET",
      url: "/api/verify",
      status: 429,
    });
    expect(finding?.evidence[1]).toMatchObject({ seq: 42, t: 1_500, status: 429 });
    expect(report.verdict).toBe("fail");
  });

  it("catches a client that tries again every few milliseconds, each try earning a fresh 429", async () => {
    const sim = handDriven();
    await fillWindow(sim);
    for (let i = 0; i < 400; i++) {
      sim.advance(5);
      await drain(await sim.send("GET", "/verify"));
    }
    const finding = sim.engine
      .report()
      .findings.find((f) => f.rule === "rate-limit/retry-after-ignored");
    // Those within 100 ms of the first 429 may have been in flight; the rest were not.
    expect(finding?.count).toBe(380);
  });

  it("finds nothing when the client waits as long as Retry-After says", async () => {
    const sim = handDriven();
    const limited = await fillWindow(sim);
    sim.advance(Number(limited.headers.get("retry-after")) * 1000);
    expect((await drain(await sim.send("GET", "/verify"))).status).toBe(200);
    expect(rulesOf(sim)).toEqual(["warning rate-limit/exceeded"]);
    expect(sim.engine.report().verdict).toBe("pass");
  });

  it("does not count a request that was in flight on another connection when the 429 went out", async () => {
    const sim = handDriven();
    await fillWindow(sim);
    sim.advance(50);
    await drain(await sim.send("GET", "/verify"));
    expect(rulesOf(sim)).not.toContain("error rate-limit/retry-after-ignored");
  });

  it("counts a request on the same connection as the 429, however soon", async () => {
    const sim = handDriven();
    const send = async (): Promise<Response> => {
      const answer = await sim.engine.handle(
        new Request("https://app.mode.com/api/verify", {
          headers: { authorization: `Basic ${btoa("a-token:a-secret")}` },
        }),
        { connection: "c1" },
      );
      return drain(answer as Response);
    };
    for (let i = 0; i < 41; i++) await send();
    sim.advance(1);
    await send();
    expect(rulesOf(sim)).toContain("error rate-limit/retry-after-ignored");
  });

  it("keeps each credential's limit and pauses apart", async () => {
    const sim = handDriven();
    await fillWindow(sim);
    sim.advance(1_500);
    const other = await drain(
      await sim.send("GET", "/verify", {
        headers: { authorization: `Basic ${btoa("other:secret-2")}` },
      }),
    );
    expect(other.status).toBe(200);
    expect(rulesOf(sim)).not.toContain("error rate-limit/retry-after-ignored");
  });
});

describe("rate-limit/exceeded", () => {
  it("says how many 429s were earned and how far over the limit the client went", async () => {
    const sim = handDriven();
    for (let i = 0; i < 60; i++) await drain(await sim.send("GET", "/verify"));
    const finding = sim.engine.report().findings.find((f) => f.rule === "rate-limit/exceeded");
    expect(finding).toMatchObject({ severity: "warning", count: 20 });
    expect(finding?.message).toMatch(
      /earned 20 429\(s\).* about 60 requests within 10 s .* 1\.5 times the limit of 40/,
    );
  });

  it("says nothing when the client keeps to 40 per 10 s", async () => {
    const sim = handDriven();
    for (let i = 0; i < 120; i++) {
      expect((await drain(await sim.send("GET", "/verify"))).status).toBe(200);
      sim.advance(250);
    }
    expect(rulesOf(sim)).toEqual([]);
  });
});

describe("writes/unsafe-retry", () => {
  it("is an error when a write is repeated after a reset the server had acted on", async () => {
    const sim = handDriven({ faults: "write-reset=1" });
    const { datasets } = await bigSpace(sim);
    const path = `/northwind/datasets/${datasets[0]?.token}`;
    const rename = { report: { name: "Orders by region (EU)" } };
    await expect(sim.send("PATCH", path, { body: rename })).rejects.toThrow(/reset/);
    // The server did act: the rename reads back.
    expect((await sim.json(path)).body.name).toBe("Orders by region (EU)");
    expect((await sim.send("PATCH", path, { body: rename })).status).toBe(200);
    const finding = sim.engine.report().findings.find((f) => f.rule === "writes/unsafe-retry");
    expect(finding).toMatchObject({ severity: "error", count: 1 });
    expect(finding?.evidence.map((e: Evidence) => [e.method, e.status])).toEqual([
      ["PATCH", "reset"],
      ["PATCH", 200],
    ]);
  });

  it("is an error when a run is started again after a 500 though the first run started", async () => {
    const sim = handDriven({ faults: "write-error=1" });
    const { datasets } = await bigSpace(sim);
    const runs = `/northwind/datasets/${datasets[1]?.token}/runs`;
    const before = (await sim.json(runs)).body.pagination.total_count;
    expect((await drain(await sim.send("POST", runs))).status).toBe(500);
    expect((await drain(await sim.send("POST", runs))).status).toBe(202);
    expect((await sim.json(runs)).body.pagination.total_count).toBe(before + 2);
    expect(rulesOf(sim)).toContain("error writes/unsafe-retry");
  });

  it("finds nothing when the client reads the effect back instead of repeating the write", async () => {
    const sim = handDriven({ faults: "write-reset=1" });
    const { datasets } = await bigSpace(sim);
    const path = `/northwind/datasets/${datasets[0]?.token}`;
    await expect(
      sim.send("PATCH", path, { body: { report: { name: "Renamed" } } }),
    ).rejects.toThrow();
    expect((await sim.json(path)).body.name).toBe("Renamed");
    // A different write afterwards is not a repeat.
    expect(
      (await drain(await sim.send("PATCH", path, { body: { report: { description: "EU only" } } })))
        .status,
    ).toBe(200);
    expect(rulesOf(sim)).toEqual([]);
  });
});

describe("paging/incomplete", () => {
  it("is a warning when a listing is left before its last page, and fails under strict", async () => {
    const sim = handDriven({ datasets: 90 });
    const { space } = await bigSpace(sim);
    const first = (await sim.json(`/northwind/spaces/${space}/datasets`)).body;
    expect(first._links.next_page.href).toBe(
      `/api/northwind/spaces/${space}/datasets?page=2&per_page=30`,
    );
    const report = sim.engine.report();
    expect(report.findings.map((f) => `${f.severity} ${f.rule}`)).toEqual([
      "warning paging/incomplete",
    ]);
    expect(report.findings[0]?.message).toMatch(/was left after page\(s\) 1, and it has more/);
    expect(report.verdict).toBe("pass");
    expect(sim.engine.report({ strict: true }).verdict).toBe("fail");
  });

  it("finds nothing once every page is read, or a page past the end", async () => {
    const sim = handDriven({ datasets: 90 });
    const { space } = await bigSpace(sim);
    for (let page = 1; ; page++) {
      const body = (await sim.json(`/northwind/spaces/${space}/datasets?page=${page}&per_page=7`))
        .body;
      if (!body._links.next_page) break;
    }
    await sim.json(`/northwind/spaces/${space}/datasets?per_page=20`);
    await sim.json(`/northwind/spaces/${space}/datasets?per_page=20&page=50`);
    expect(rulesOf(sim)).toEqual([]);
  });
});

describe("polling/too-fast", () => {
  /** Starts a run of the Dataset Mode expects to take longest, so it is polled many times. */
  async function startRun(sim: ReturnType<typeof handDriven>) {
    const { datasets } = await bigSpace(sim);
    // Read one at a time within the rate limit, as a polite client would.
    const full = [];
    for (const d of datasets) {
      sim.advance(300);
      full.push((await sim.json(`/northwind/datasets/${d.token}`)).body);
    }
    const longest = full.sort((a, b) => b.expected_runtime - a.expected_runtime)[0];
    // A fresh rate-limit window for the polls that follow.
    sim.advance(10_000);
    const path = `/northwind/datasets/${longest.token}/runs`;
    const run = await (await sim.send("POST", path)).json();
    return `${path}/${run.token}`;
  }

  async function pollUntilDone(
    sim: ReturnType<typeof handDriven>,
    run: string,
    wait: (poll: number) => number,
  ) {
    for (let poll = 1; poll < 500; poll++) {
      sim.advance(wait(poll));
      const { body } = await sim.json(run);
      if (body.state === "succeeded" || body.state === "failed") return poll;
    }
    throw new Error("the run never ended");
  }

  it("is a warning when a run is polled every few milliseconds", async () => {
    const sim = handDriven({ timeScale: 1 });
    const run = await startRun(sim);
    await pollUntilDone(sim, run, () => 300);
    const finding = sim.engine.report().findings.find((f) => f.rule === "polling/too-fast");
    expect(finding).toMatchObject({ severity: "warning" });
    expect(finding?.message).toMatch(/typically every 300 ms of Mode's time \(under 1\.0 s\)/);
  });

  it("is a warning when a run is polled many times without backing off", async () => {
    const sim = handDriven({ timeScale: 1 });
    const run = await startRun(sim);
    const polls = await pollUntilDone(sim, run, () => 1_000);
    expect(polls).toBeGreaterThanOrEqual(10);
    expect(
      sim.engine.report().findings.find((f) => f.rule === "polling/too-fast")?.message,
    ).toMatch(/every 1\.0 s without ever waiting longer/);
  });

  it("finds nothing when polls start at 1 s and grow", async () => {
    const sim = handDriven({ timeScale: 1 });
    const run = await startRun(sim);
    await pollUntilDone(sim, run, (poll) => Math.min(15_000, 1_000 * 1.5 ** (poll - 1)));
    expect(rulesOf(sim)).toEqual([]);
  });
});

describe("checks on each request", () => {
  it("refuses order=ASC with 400 and an error that names the fix", async () => {
    const sim = handDriven();
    const { space } = await bigSpace(sim);
    const response = await sim.send(
      "GET",
      `/northwind/spaces/${space}/datasets?order=ASC&order_by=created_at`,
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ id: "bad_request" });
    const finding = sim.engine
      .report()
      .findings.find((f) => f.rule === "request/invalid-parameter");
    expect(finding).toMatchObject({ severity: "error", count: 1 });
    expect(finding?.message).toContain(
      'request.query.order is "ASC"; expected one of `asc`, `desc` (values are case-sensitive: send `asc`)',
    );
  });

  it("reports the kit's own rules by their ids", async () => {
    const sim = handDriven();
    const { space } = await bigSpace(sim);
    await drain(await sim.send("GET", `/northwind/spaces/${space}/datasets?orderby=created_at`));
    await drain(
      await sim.send("GET", `/northwind/spaces/${space}/datasets`, {
        headers: { accept: "application/json" },
      }),
    );
    expect(rulesOf(sim)).toEqual(
      expect.arrayContaining(["error unknown-query-parameter", "warning accept-json-for-hal"]),
    );
  });

  it("refuses a request without credentials with 401 and says why", async () => {
    const sim = handDriven();
    const response = await sim.send("GET", "/northwind/spaces", { headers: { authorization: "" } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ id: "unauthorized" });
    expect(rulesOf(sim)).toEqual(["error request/no-credentials"]);
  });

  it("counts blank credentials once, as the kit's rule", async () => {
    const sim = handDriven();
    const response = await sim.send("GET", "/northwind/spaces", {
      headers: { authorization: `Basic ${btoa(" : ")}` },
    });
    expect(response.status).toBe(401);
    expect(rulesOf(sim)).toEqual(["error blank-basic-credentials"]);
  });

  it("names a path the API does not have", async () => {
    const sim = handDriven();
    const response = await sim.send("GET", "/northwind/datasets");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      id: "not_found",
      message: "not found: the API has no path /northwind/datasets",
    });
    expect(rulesOf(sim)).toEqual(["error request/unknown-operation"]);
  });
});

describe("the report", () => {
  it("gives each finding its rule, severity, message and evidence with times", async () => {
    const sim = handDriven({ timeScale: 2 });
    sim.advance(1_000);
    await drain(await sim.send("GET", "/northwind/spaces?filter=ALL"));
    const report = sim.engine.report();
    expect(report).toMatchObject({
      format: "mode-datasets-simulator-report/1",
      verdict: "fail",
      strict: false,
      reasons: ["1 error finding(s)"],
      requests: { total: 1, byStatus: { "400": 1 } },
      workspace: {
        account: "northwind",
        seed: 1,
        collections: 3,
        datasets: 60,
        timeScale: 2,
        faults: "",
      },
    });
    expect(report.findings).toEqual([
      {
        rule: "request/invalid-parameter",
        severity: "error",
        message: expect.stringContaining('request.query.filter is "ALL"'),
        count: 1,
        evidence: [
          {
            seq: 1,
            at: "2024-09-02T08:00:02.000Z",
            t: 2_000,
            method: "GET",
            url: "/api/northwind/spaces?filter=ALL",
            status: 400,
            note: expect.any(String),
          },
        ],
      },
    ]);
  });

  it("passes a run with nothing wrong", async () => {
    const sim = handDriven();
    await drain(await sim.send("GET", "/northwind/spaces"));
    expect(sim.engine.report()).toMatchObject({ verdict: "pass", reasons: [], findings: [] });
  });
});
