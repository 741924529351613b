// waitForRun: which states end the wait and how, how often it polls, and what it refuses. Counts
// of requests stand in for time: the schedule bounds how many polls fit in a timeout.
import { describe, expect, it } from "vitest";
import {
  createModeDatasets,
  ModeNotFoundError,
  ModeRunFailedError,
  ModeRunTimeoutError,
  type WaitForRunOptions,
} from "../../../src/index.js";
import { pollSchedule, pollsWithin } from "../../../src/datasets/wait-for-run.js";
import { hal, modeError, recordingFetch, testOptions } from "../helpers/recording-fetch.js";

const target = { account: "northwind", report: "7f3c2a9d41b8", run: "a1f3c5e7d902" };
const fast: WaitForRunOptions = { intervalMs: 1, maxIntervalMs: 2, timeoutMs: 20_000 };

const run = (state: unknown, extra: Record<string, unknown> = {}) => ({
  token: "a1f3c5e7d902",
  state,
  created_at: "2025-03-04T09:15:02.114Z",
  _links: { self: { href: "/api/northwind/reports/7f3c2a9d41b8/runs/a1f3c5e7d902" } },
  ...extra,
});

/** Answers each poll with the next state, repeating the last one. */
function states(...sequence: unknown[]) {
  return recordingFetch((_request, index) =>
    hal(run(sequence[Math.min(index, sequence.length - 1)])),
  );
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

describe("waitForRun", () => {
  it("polls a report run until it succeeds and returns the finished run", async () => {
    const { fetch, requests } = states("enqueued", "pending", "running_notebook", "succeeded");
    const mode = createModeDatasets({ ...testOptions, fetch });
    const seen: string[] = [];
    const finished = await mode.waitForRun(target, {
      ...fast,
      onPoll: (polled, poll) => seen.push(`${poll}:${polled.state}`),
    });
    expect(finished.state).toBe("succeeded");
    expect(seen).toEqual(["1:enqueued", "2:pending", "3:running_notebook", "4:succeeded"]);
    expect(requests.map((r) => new URL(r.url).pathname)).toEqual(
      Array(4).fill("/api/northwind/reports/7f3c2a9d41b8/runs/a1f3c5e7d902"),
    );
  });

  it("polls a dataset run at its own path and accepts completed as success", async () => {
    const { fetch, requests } = states("pending", "completed");
    const mode = createModeDatasets({ ...testOptions, fetch });
    const finished = await mode.waitForRun(
      { account: "northwind", dataset: "5a4177a2902c", run: "c81d5f2a9e63" },
      fast,
    );
    expect(finished.state).toBe("completed");
    expect(new URL(requests[0]?.url ?? "").pathname).toBe(
      "/api/northwind/datasets/5a4177a2902c/runs/c81d5f2a9e63",
    );
  });

  it("keeps polling on states it does not know, and on a missing or odd state", async () => {
    const { fetch, requests } = states("queued", undefined, 42, "SUCCEEDED", "succeeded");
    const mode = createModeDatasets({ ...testOptions, fetch });
    await mode.waitForRun(target, fast);
    expect(requests).toHaveLength(5);
  });

  it.each(["failed", "cancelled"])(
    "throws a run-failed error carrying the run when it ends %s",
    async (state) => {
      const { fetch, requests } = states("pending", state);
      const mode = createModeDatasets({ ...testOptions, fetch });
      const error = await rejectionOf(mode.waitForRun(target, fast));
      expect(error).toBeInstanceOf(ModeRunFailedError);
      expect(error).toMatchObject({ kind: "run_failed", polls: 2, run: { state } });
      expect((error as Error).message).toBe(
        `Run a1f3c5e7d902 of report 7f3c2a9d41b8 ended ${state} (after 2 polls)`,
      );
      expect(requests).toHaveLength(2);
    },
  );

  it("gives up with a timeout error carrying the last state, within the polls its schedule allows", async () => {
    const options: WaitForRunOptions = {
      intervalMs: 2,
      backoff: 2,
      maxIntervalMs: 16,
      timeoutMs: 150,
    };
    const { fetch, requests } = states("pending");
    const mode = createModeDatasets({ ...testOptions, fetch });
    const error = await rejectionOf(mode.waitForRun(target, options));
    expect(error).toBeInstanceOf(ModeRunTimeoutError);
    expect(error).toMatchObject({ kind: "run_timeout" });
    const { polls, run: last } = error as ModeRunTimeoutError;
    // A poll the deadline cut short may not have been sent; none was sent unasked.
    expect(requests.length).toBeLessThanOrEqual(polls);
    expect(polls).toBeLessThanOrEqual(pollsWithin(options, 150));
    if (last) expect(last.state).toBe("pending");
    expect((error as Error).message).toMatch(/had not ended after timeoutMs 150/);
  });

  it("never has two polls in flight, even when answers are slow", async () => {
    let inFlight = 0;
    let most = 0;
    const { fetch, requests } = recordingFetch(async (_request, index) => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return hal(run(index < 4 ? "pending" : "succeeded"));
    });
    const mode = createModeDatasets({ ...testOptions, fetch });
    await mode.waitForRun(target, { intervalMs: 1, maxIntervalMs: 1 });
    expect(requests).toHaveLength(5);
    expect(most).toBe(1);
  });

  it("grows each wait by the backoff factor up to the longest wait", () => {
    const wait = pollSchedule({ intervalMs: 1_000, backoff: 2, maxIntervalMs: 5_000 });
    expect([1, 2, 3, 4, 5].map(wait)).toEqual([1_000, 2_000, 4_000, 5_000, 5_000]);
    const fixed = pollSchedule({ intervalMs: 250, backoff: 1 });
    expect([1, 10].map(fixed)).toEqual([250, 250]);
    const defaults = pollSchedule();
    expect([1, 2, 3].map(defaults)).toEqual([1_000, 1_500, 2_250]);
    expect(defaults(50)).toBe(15_000);
  });

  it("rejects with the caller's reason when the signal aborts, and polls no more", async () => {
    const controller = new AbortController();
    const { fetch, requests } = recordingFetch(() => {
      controller.abort(new Error("caller gave up"));
      return hal(run("pending"));
    });
    const mode = createModeDatasets({ ...testOptions, fetch });
    const error = await rejectionOf(
      mode.waitForRun(target, { ...fast, signal: controller.signal }),
    );
    expect((error as Error).message).toBe("caller gave up");
    expect(requests).toHaveLength(1);
  });

  it("rejects at once for a signal already aborted, sending nothing", async () => {
    const { fetch, requests } = states("succeeded");
    const mode = createModeDatasets({ ...testOptions, fetch });
    const error = await rejectionOf(
      mode.waitForRun(target, { ...fast, signal: AbortSignal.abort(new Error("already")) }),
    );
    expect((error as Error).message).toBe("already");
    expect(requests).toHaveLength(0);
  });

  it("throws a poll's own api error", async () => {
    const { fetch } = recordingFetch(() => modeError(404, "not_found", "Run not found"));
    const mode = createModeDatasets({ ...testOptions, fetch });
    await expect(mode.waitForRun(target, fast)).rejects.toBeInstanceOf(ModeNotFoundError);
  });

  it("redacts credentials a server echoed into the failed run it carries", async () => {
    const { fetch } = recordingFetch(() =>
      hal(run("failed", { error_message: `bad login ${testOptions.secret}` })),
    );
    const mode = createModeDatasets({ ...testOptions, fetch });
    const error = (await rejectionOf(mode.waitForRun(target, fast))) as ModeRunFailedError;
    expect(JSON.stringify(error)).not.toContain(testOptions.secret);
    expect(JSON.stringify(error)).toContain("[redacted]");
  });

  it.each([
    [{ intervalMs: 0 }, /waitForRun intervalMs 0 is invalid/],
    [{ intervalMs: -5 }, /waitForRun intervalMs -5 is invalid/],
    [{ intervalMs: Number.NaN }, /waitForRun intervalMs NaN is invalid/],
    [{ maxIntervalMs: 2 ** 31 }, /waitForRun maxIntervalMs 2147483648 is invalid/],
    [
      { intervalMs: 500, maxIntervalMs: 100 },
      /waitForRun maxIntervalMs 100 is invalid; expected at least intervalMs \(500\)/,
    ],
    [{ backoff: 0.5 }, /waitForRun backoff 0.5 is invalid/],
    [{ backoff: Number.POSITIVE_INFINITY }, /waitForRun backoff Infinity is invalid/],
    [{ timeoutMs: 0 }, /waitForRun timeoutMs 0 is invalid/],
  ] as [WaitForRunOptions, RegExp][])(
    "refuses %o with a range error naming the value, sending nothing",
    async (options, message) => {
      const { fetch, requests } = states("succeeded");
      const mode = createModeDatasets({ ...testOptions, fetch });
      const error = await rejectionOf(mode.waitForRun(target, options));
      expect(error).toBeInstanceOf(RangeError);
      expect((error as Error).message).toMatch(message);
      expect(requests).toHaveLength(0);
    },
  );

  it("refuses a target naming both a report and a dataset, or neither", async () => {
    const { fetch, requests } = states("succeeded");
    const mode = createModeDatasets({ ...testOptions, fetch });
    for (const bad of [
      { account: "a", report: "r", dataset: "d", run: "x" },
      { account: "a", run: "x" },
    ]) {
      await expect(mode.waitForRun(bad as never, fast)).rejects.toThrow(TypeError);
    }
    expect(requests).toHaveLength(0);
  });

  it("waits without a deadline when timeoutMs is false", async () => {
    const { fetch } = states("pending", "succeeded");
    const mode = createModeDatasets({ ...testOptions, fetch });
    await expect(mode.waitForRun(target, { ...fast, timeoutMs: false })).resolves.toMatchObject({
      state: "succeeded",
    });
  });
});
