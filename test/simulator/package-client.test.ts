// The package's own client, through its public entry, against the simulator in process: no port,
// no Prism, nothing configured but `fetch` and a token. It walks a 90-Dataset workspace, runs a
// Dataset and waits for the run, renames and deletes, and the simulator's verdict on its conduct
// is a pass with no finding at all. Faults show that it never repeats a write and rides out 5xx.
import { describe, expect, it } from "vitest";
import { createModeSimulator } from "../../kit/simulator/index.js";
import {
  createModeDatasets,
  type DatasetListItem,
  ModeConnectionError,
  ModeRunFailedError,
} from "../../src/index.js";

const credentials = { token: "pkg-client-token", secret: "pkg-client-secret" };

/** True when a listed Dataset's latest run is its latest successful one. */
const latestRunSucceeded = (d: DatasetListItem): boolean =>
  d.last_successful_run_token !== null &&
  d._links.last_run?.href.endsWith(`/${d.last_successful_run_token}`) === true;

describe("createModeDatasets({ fetch: sim.fetch })", () => {
  it("walks a 90-Dataset workspace, runs one Dataset to its end, and passes", async () => {
    // Mode's clock 50 times faster: runs of up to a minute end within about a second.
    const sim = createModeSimulator({ seed: 3, collections: 4, datasets: 90, timeScale: 50 });
    const mode = createModeDatasets({ fetch: sim.fetch, ...credentials });
    const walked: DatasetListItem[] = [];
    for await (const { dataset } of mode.iterateAllDatasets({ account: "northwind" }))
      walked.push(dataset);
    expect(new Set(walked.map((d) => d.token)).size).toBe(90);

    // A Dataset whose latest run succeeded: the seed makes some fail every time.
    const dataset = walked.find(latestRunSucceeded)?.token as string;
    expect(dataset).toBeDefined();
    const run = await mode.datasets.run({ account: "northwind", dataset });
    expect(run.state).toBe("enqueued");
    const done = await mode.waitForRun({ account: "northwind", dataset, run: run.token });
    expect(done.state).toBe("succeeded");
    expect(
      (await mode.datasets.get({ account: "northwind", dataset })).last_successful_run_token,
    ).toBe(run.token);

    const report = sim.report();
    expect(report.findings).toEqual([]);
    expect(report).toMatchObject({ verdict: "pass", reasons: [] });
    expect(report.requests.total).toBeGreaterThan(5);
    sim.close();
  });

  it("reads a failed run as ModeRunFailedError, and the report still passes", async () => {
    const sim = createModeSimulator({ seed: 3, datasets: 40, timeScale: 200 });
    const mode = createModeDatasets({ fetch: sim.fetch, ...credentials });
    const walked: DatasetListItem[] = [];
    for await (const { dataset } of mode.iterateAllDatasets({ account: "northwind" }))
      walked.push(dataset);
    // A Dataset whose latest run failed is one the seed makes fail every time.
    let dataset = "";
    for (const d of walked.filter((item) => !latestRunSucceeded(item))) {
      const last = d._links.last_run?.href.split("/").pop() as string;
      const latest = await mode.datasets.getRun({
        account: "northwind",
        dataset: d.token,
        run: last,
      });
      if (latest.state === "failed") {
        dataset = d.token;
        break;
      }
    }
    expect(dataset).not.toBe("");
    const run = await mode.datasets.run({ account: "northwind", dataset });
    await expect(
      mode.waitForRun({ account: "northwind", dataset, run: run.token }),
    ).rejects.toBeInstanceOf(ModeRunFailedError);
    expect(sim.report().verdict).toBe("pass");
    sim.close();
  });

  it("does not repeat a rename whose connection was reset, and retries reads through 500s", async () => {
    const sim = createModeSimulator({
      seed: 3,
      datasets: 20,
      timeScale: 100,
      faults: "write-reset=1,server-error=2",
    });
    const mode = createModeDatasets({
      fetch: sim.fetch,
      ...credentials,
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
    });
    const [space] = await mode.spaces.list({ account: "northwind" });
    const [dataset] = await mode.datasets.listForSpace({
      account: "northwind",
      space: space?.token as string,
    });
    const params = { account: "northwind", dataset: dataset?.token as string };
    await expect(mode.datasets.update(params, { name: "Renamed once" })).rejects.toBeInstanceOf(
      ModeConnectionError,
    );
    expect((await mode.datasets.get(params)).name).toBe("Renamed once");
    await mode.datasets.delete(params);
    const report = sim.report();
    expect(report.findings).toEqual([]);
    expect(report.requests.byStatus["500"]).toBe(2);
    sim.close();
  });
});
