// The caller keeps control of a results body: leaving a loop early, cancelling, or aborting
// closes the connection and gives back the rate-limit slot; a download hands over the exact
// bytes, its failures typed as the rows' are; credentials never show in any of it.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterEach, describe, expect, it } from "vitest";
import { ModeRunNotSucceededError, ModeTimeoutError, type RateLimiter } from "../../src/index.js";
import {
  CREDENTIALS,
  drain,
  exposedText,
  rejection,
  throwingClient,
} from "./helpers/hostile-client.js";
import {
  type ResultsScenario,
  type ResultsServer,
  startResultsServer,
  wholeBody,
} from "./helpers/results-server.js";

let server: ResultsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const dataset = { account: "northwind", dataset: "d1" };

/** A limiter that counts the slots it hands out and gets back. */
function countingLimiter(): RateLimiter & { taken: number; given: number } {
  const limiter = {
    taken: 0,
    given: 0,
    async acquire() {
      limiter.taken++;
      let released = false;
      return () => {
        if (!released) limiter.given++;
        released = true;
      };
    },
  };
  return limiter;
}

async function serve(scenario: ResultsScenario, limiter?: RateLimiter) {
  server = await startResultsServer(scenario);
  // `rateLimit: undefined` lets the limiter replace the helper's `rateLimit: false`.
  return throwingClient(
    server.baseUrl,
    limiter ? { rateLimit: undefined, rateLimiter: limiter } : {},
  );
}

describe("leaving early", () => {
  it("breaking out of the loop closes the body and gives back its rate-limit slot", async () => {
    const limiter = countingLimiter();
    const mode = await serve({ rows: 300_000 }, limiter);
    const rows = await mode.datasets.results(dataset);
    // The body's slot is held while it is read.
    expect(limiter.taken - limiter.given).toBe(1);
    let seen = 0;
    for await (const _row of rows) if (++seen === 10) break;
    expect(limiter.taken).toBe(2);
    expect(limiter.given).toBe(2);
    expect(rows.bytesRead).toBeLessThan(wholeBody({ rows: 300_000 }, "csv").byteLength);
  });

  it("cancel() ends a loop at its next row, and gives back the slot", async () => {
    const limiter = countingLimiter();
    const mode = await serve({ rows: 50_000 }, limiter);
    const rows = await mode.datasets.results(dataset);
    let seen = 0;
    for await (const _row of rows) if (++seen === 5) await rows.cancel();
    expect(seen).toBe(5);
    expect(limiter.given).toBe(limiter.taken);
  });

  it("the caller's abort mid-body rejects with the caller's reason and gives back the slot", async () => {
    const limiter = countingLimiter();
    const mode = await serve({ rows: 2_000, stallAfterBytes: 10_000 }, limiter);
    const controller = new AbortController();
    const rows = await mode.datasets.results(dataset, { signal: controller.signal });
    const reason = new Error("stop, the user left");
    setTimeout(() => controller.abort(reason), 50);
    const { error } = await drain(rows);
    expect(error).toBe(reason);
    expect(limiter.given).toBe(limiter.taken);
  });

  it("the caller's abort still reaches the body after garbage collection", async () => {
    // Node's Request follows the caller's signal only while the Request is reachable; the body
    // outlives the request, so the client keeps it. Collected here on purpose before the abort.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const mode = await serve({ rows: 2_000, stallAfterBytes: 10_000 });
    const controller = new AbortController();
    const rows = await mode.datasets.results(dataset, {
      signal: controller.signal,
      timeoutMs: 20_000,
    });
    const iterator = rows[Symbol.asyncIterator]();
    await iterator.next();
    const pending = iterator.next().then(async function drainRest(first): Promise<unknown> {
      let step = first;
      while (!step.done) step = await iterator.next();
      return "ended";
    });
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const reason = new Error("stop after a collection");
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it("a stalled body gives back its slot when it times out", async () => {
    const limiter = countingLimiter();
    const mode = await serve({ rows: 2_000, stallAfterBytes: 10_000 }, limiter);
    const rows = await mode.datasets.results(dataset, { timeoutMs: 300 });
    expect((await drain(rows)).error).toBeInstanceOf(ModeTimeoutError);
    expect(limiter.given).toBe(limiter.taken);
  });

  it("rows can be iterated once: a second loop is a TypeError, not an empty result", async () => {
    const mode = await serve({ rows: 3 });
    const rows = await mode.datasets.results(dataset);
    expect((await drain(rows)).items).toHaveLength(3);
    expect(() => rows[Symbol.asyncIterator]()).toThrow(/iterated already/);
  });
});

describe("a fetch of the caller's own that ignores signals", () => {
  /** A fetch whose result body sends one chunk and then nothing, whatever signal it is given. */
  const hangingFetch = async (request: Request): Promise<Response> => {
    if (!request.url.includes("/results/"))
      return new Response(
        JSON.stringify({
          token: "d1",
          last_successful_run_token: "r1",
          _links: { self: { href: "x" } },
        }),
        { headers: { "content-type": "application/hal+json" } },
      );
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("id,name\n1,a\n2,b\n"));
      },
    });
    return new Response(body, { headers: { "content-type": "text/csv" } });
  };

  it("still stops at the caller's abort, with the caller's reason", async () => {
    const mode = throwingClient("https://app.mode.com/api", { fetch: hangingFetch });
    const controller = new AbortController();
    const rows = await mode.datasets.results(dataset, { signal: controller.signal });
    const reason = new Error("stop now");
    setTimeout(() => controller.abort(reason), 50);
    const { items, error } = await drain(rows);
    expect(items).toHaveLength(2);
    expect(error).toBe(reason);
  });

  it("still times out when the body stalls", async () => {
    const mode = throwingClient("https://app.mode.com/api", { fetch: hangingFetch });
    const rows = await mode.datasets.results(dataset, { timeoutMs: 200 });
    const { items, error } = await drain(rows);
    expect(items).toHaveLength(2);
    expect(error).toBeInstanceOf(ModeTimeoutError);
  });
});

describe("download", () => {
  it("hands over the exact bytes Mode sent, gzip undone", async () => {
    const scenario = { rows: 2_000, gzip: true, bom: true };
    const mode = await serve(scenario);
    const file = await mode.datasets.download({ ...dataset, format: "csv" });
    expect(file.contentType).toMatch(/^text\/csv/);
    expect(file.run).toBe("run-latest");
    const bytes = Buffer.from(await new Response(file.body).arrayBuffer());
    expect(bytes.equals(wholeBody(scenario, "csv"))).toBe(true);
    expect(file.bytesRead).toBe(bytes.byteLength);
  });

  it("errors its stream with a typed timeout when the body stalls", async () => {
    const mode = await serve({ rows: 2_000, stallAfterBytes: 10_000 });
    const file = await mode.datasets.download(dataset, { timeoutMs: 300 });
    const error = await rejection(new Response(file.body).arrayBuffer());
    expect(error).toBeInstanceOf(ModeTimeoutError);
  });

  it("reads a named run only once it has succeeded", async () => {
    const mode = await serve({ rows: 3, runState: "cancelled" });
    const error = await rejection(mode.datasets.download({ ...dataset, run: "r1" }));
    expect(error).toBeInstanceOf(ModeRunNotSucceededError);
    expect((error as Error).message).toMatch(/ended cancelled/);
  });
});

describe("credentials", () => {
  it("never show in a results error", async () => {
    const mode = await serve({ rows: 2_000, cutAfterBytes: 20_000 });
    const { error } = await drain(await mode.datasets.results(dataset));
    expect(error).toBeInstanceOf(Error);
    const text = exposedText(error);
    for (const secret of CREDENTIALS) expect(text).not.toContain(secret);
  });
});

describe("bad input", () => {
  it("is refused before anything is sent, naming the bad value", async () => {
    const mode = await serve({ rows: 3 });
    await expect(mode.datasets.results({ ...dataset, format: "xlsx" as never })).rejects.toThrow(
      /format "xlsx" is invalid; expected "csv" or "json"/,
    );
    await expect(mode.datasets.results(dataset, { maxRowLength: 0 })).rejects.toThrow(
      /maxRowLength 0 is invalid/,
    );
    await expect(mode.datasets.results(dataset, { maxBytes: -1 })).rejects.toThrow(
      /maxBytes -1 is invalid/,
    );
    await expect(mode.datasets.results({ ...dataset, run: ".." })).rejects.toThrow(/run/);
    expect(server?.requests).toEqual([]);
  });
});
