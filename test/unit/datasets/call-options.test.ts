// Per-call options of the throwing layer: signal, timeoutMs, retry and headers apply to the one
// call (every page of an iterator) and not to the next; `.withResponse()` hands back the
// Response of a success with its body.
import createClient from "openapi-fetch";
import { describe, expect, it } from "vitest";
import type { paths } from "../../../generated/schema.js";
import {
  createModeDatasets,
  type ModeClient,
  ModeServerError,
  ModeTimeoutError,
  type RetryEvent,
} from "../../../src/index.js";
import { hal, modeError, recordingFetch, testOptions } from "../helpers/recording-fetch.js";

const ids = { account: "northwind", dataset: "5a4177a2902c" };
const dataset = { token: "5a4177a2902c", id: 1, name: "Orders" };
const later = (ms: number, response: () => Response): Promise<Response> =>
  new Promise((resolve) => setTimeout(() => resolve(response()), ms));

describe("per-call timeoutMs", () => {
  it("times out the one call that sets it, and not the next", async () => {
    // Every answer takes 50 ms: over the call's 5 ms, far under the client's 60 s.
    const { fetch, requests } = recordingFetch(() => later(50, () => hal(dataset)));
    const mode = createModeDatasets({ ...testOptions, fetch, timeoutMs: 60_000 });
    const error = await mode.datasets.get(ids, { timeoutMs: 5, retry: false }).catch((e) => e);
    expect(error).toBeInstanceOf(ModeTimeoutError);
    expect((error as Error).message).toBe(
      "GET /{account}/datasets/{dataset} timed out after 5 ms (1 attempt)",
    );
    await expect(mode.datasets.get(ids)).resolves.toEqual(dataset);
    expect(requests).toHaveLength(2);
  });

  it("refuses a per-call timeoutMs a timer cannot hold, naming it, before sending", async () => {
    const { fetch, requests } = recordingFetch(() => hal(dataset));
    const mode = createModeDatasets({ ...testOptions, fetch });
    await expect(mode.datasets.get(ids, { timeoutMs: -1 })).rejects.toThrow(/timeoutMs -1/);
    expect(requests).toHaveLength(0);
  });
});

describe("per-call retry", () => {
  it("does not retry the one call with retry: false, and retries the next", async () => {
    const { fetch, requests } = recordingFetch((_, i) =>
      i < 2 ? modeError(503, "service_unavailable", "down") : hal(dataset),
    );
    const mode = createModeDatasets({ ...testOptions, fetch });
    const error = await mode.datasets.get(ids, { retry: false }).catch((e) => e);
    expect(error).toBeInstanceOf(ModeServerError);
    expect(error).toMatchObject({ attempts: 1 });
    expect(requests).toHaveLength(1);
    // The next call keeps the client's policy: its 503 is retried into the success.
    await expect(mode.datasets.get(ids)).resolves.toEqual(dataset);
    expect(requests).toHaveLength(3);
  });

  it("lays a call's retry fields over the client's policy, keeping the rest", async () => {
    const events: RetryEvent[] = [];
    const { fetch, requests } = recordingFetch(() => modeError(503, "service_unavailable", "down"));
    const mode = createModeDatasets({
      ...testOptions,
      fetch,
      retry: { ...testOptions.retry, onRetry: (event) => events.push(event) },
    });
    await expect(mode.datasets.get(ids, { retry: { retries: 4 } })).rejects.toThrow(
      ModeServerError,
    );
    expect(requests).toHaveLength(5);
    expect(events.map((event) => event.attempt)).toEqual([1, 2, 3, 4]);
    await expect(mode.datasets.get(ids)).rejects.toMatchObject({ attempts: 3 });
  });

  it("retries a post only for the call that allows it", async () => {
    const { fetch, requests } = recordingFetch((_, i) =>
      i === 0
        ? modeError(503, "x", "y")
        : hal({ token: "run1", state: "pending" }, { status: 202 }),
    );
    const mode = createModeDatasets({ ...testOptions, fetch });
    await mode.datasets.run(ids, { retry: { methods: ["POST"] } });
    expect(requests.map((request) => request.method)).toEqual(["POST", "POST"]);
  });
});

describe("per-call headers", () => {
  it("sends a call's headers on that call only, over the client's", async () => {
    const { fetch, requests } = recordingFetch(() => hal(dataset));
    const mode = createModeDatasets({ ...testOptions, fetch, headers: { "X-Team": "data" } });
    await mode.datasets.get(ids, { headers: { "X-Trace": "abc", "X-Team": "ops" } });
    await mode.datasets.get(ids);
    expect(requests.map((r) => [r.headers.get("x-trace"), r.headers.get("x-team")])).toEqual([
      ["abc", "ops"],
      [null, "data"],
    ]);
    // Credentials stay the client's, whatever a call sends.
    expect(requests[0]?.headers.get("authorization")).toMatch(/^Basic /);
  });

  it("refuses a call's header with a line break without echoing it, before sending", async () => {
    const { fetch, requests } = recordingFetch(() => hal(dataset));
    const mode = createModeDatasets({ ...testOptions, fetch });
    const error = await mode.datasets
      .get(ids, { headers: { "X-Key": "abc\r\nX-Evil: 1" } })
      .catch((e) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain('"X-Key"');
    expect((error as Error).message).not.toContain("Evil");
    expect(requests).toHaveLength(0);
  });
});

describe("per-call options of the iterators", () => {
  it("sends every page with the call's headers and retry policy", async () => {
    const page = (n: number) =>
      hal({ _embedded: { reports: n < 3 ? [{ token: `d${n}` }] : [] }, _links: {} });
    const { fetch, requests } = recordingFetch((request) => {
      const n = Number(new URL(request.url).searchParams.get("page"));
      return n === 2 ? modeError(503, "x", "y") : page(n);
    });
    const mode = createModeDatasets({ ...testOptions, fetch });
    const tokens: string[] = [];
    const iterator = mode.datasets.iterateForSpace(
      { account: "northwind", space: "s1" },
      { headers: { "X-Trace": "walk" }, retry: false },
    );
    const error = await (async () => {
      for await (const item of iterator) tokens.push(item.token);
    })().catch((e) => e);
    // Page 2's 503 was not retried under retry: false.
    expect(error).toBeInstanceOf(ModeServerError);
    expect(tokens).toEqual(["d1"]);
    expect(requests.map((r) => r.headers.get("x-trace"))).toEqual(["walk", "walk"]);
  });
});

describe("withResponse", () => {
  it("gives the body and the response of a success, headers readable", async () => {
    const { fetch } = recordingFetch(() =>
      hal(dataset, { headers: { "X-RateLimit-Limit": "40", "X-Request-Id": "req-1" } }),
    );
    const mode = createModeDatasets({ ...testOptions, fetch });
    const { data, response } = await mode.datasets.get(ids).withResponse();
    expect(data).toEqual(dataset);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-ratelimit-limit")).toBe("40");
    expect(response.headers.get("x-request-id")).toBe("req-1");
  });

  it("gives one page's items with the response, and throws the typed error of a failure", async () => {
    const { fetch } = recordingFetch((_, i) =>
      i === 0
        ? hal({ _embedded: { spaces: [{ token: "s1" }] }, _links: {} })
        : modeError(404, "not_found", "gone"),
    );
    const mode = createModeDatasets({ ...testOptions, fetch });
    const page = await mode.spaces.list({ account: "northwind" }).withResponse();
    expect(page.data).toEqual([{ token: "s1" }]);
    expect(page.response.ok).toBe(true);
    await expect(mode.datasets.get(ids).withResponse()).rejects.toMatchObject({
      kind: "not_found",
      attempts: 1,
    });
  });
});

describe("a client not made by createModeClient", () => {
  it("takes signal and headers per call, and refuses timeoutMs and retry, naming them", async () => {
    const { fetch, requests } = recordingFetch(() => hal(dataset));
    const client = createClient<paths>({
      baseUrl: "https://app.mode.com/api",
      fetch,
    }) as unknown as ModeClient;
    const mode = createModeDatasets({ client });
    await expect(mode.datasets.get(ids, { headers: { "X-Trace": "t" } })).resolves.toEqual(dataset);
    expect(requests[0]?.headers.get("x-trace")).toBe("t");
    await expect(mode.datasets.get(ids, { timeoutMs: 5 })).rejects.toThrow(/timeoutMs and retry/);
  });
});
