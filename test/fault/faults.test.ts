import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createModeClient,
  createModeDatasets,
  ModeConnectionError,
  ModeInvalidResponseError,
  ModeRateLimitError,
  ModeServerError,
  ModeTimeoutError,
  type ModeDatasets,
  type RetryEvent,
} from "../../src/index.js";
import {
  json,
  raw,
  reset,
  stall,
  stallBody,
  startFaultServer,
  truncate,
  type FaultServer,
} from "./helpers/fault-server.js";

const dataset = { token: "d1", id: 1, name: "Orders", type: "DatasetReport" };
const run = {
  token: "run1",
  state: "pending",
  created_at: "2024-09-02T07:38:43.722Z",
  _links: { self: { href: "x" } },
};
const ids = { account: "northwind", dataset: "d1" };
const busy = json(503, { id: "service_unavailable", message: "try later" });

let server: FaultServer;
let mode: ModeDatasets;
let retries: RetryEvent[];

beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(async () => {
  await server.close();
});
// Generous by default so a busy machine never turns an answer into a timeout; the stall tests
// use a short one, since their server never answers at all.
function createMode(timeoutMs: number): ModeDatasets {
  return createModeDatasets({
    token: "tok-fault",
    secret: "sec-fault",
    baseUrl: server.baseUrl,
    timeoutMs,
    retry: {
      baseDelayMs: 1,
      maxDelayMs: 2,
      maxRetryAfterMs: 5_000,
      onRetry: (event) => retries.push(event),
    },
    rateLimit: false,
  });
}

beforeEach(() => {
  retries = [];
  mode = createMode(10_000);
});

const methodsSeen = (): string[] => server.seen.map((s) => s.method);

describe("429 rate limited", () => {
  it("retries a get after a 429 with retry-after in seconds", async () => {
    server.script(
      json(429, { id: "rate_limited", message: "slow down" }, { "Retry-After": "0" }),
      json(200, dataset),
    );
    expect(await mode.datasets.get(ids)).toEqual(dataset);
    expect(methodsSeen()).toEqual(["GET", "GET"]);
    expect(retries.map((r) => [r.reason, r.status, r.delayMs])).toEqual([["status", 429, 0]]);
  });

  it("retries a get after a 429 with retry-after as an http date", async () => {
    const past = new Date(Date.now() - 60_000).toUTCString();
    server.script(
      json(429, { id: "rate_limited", message: "slow down" }, { "Retry-After": past }),
      json(200, dataset),
    );
    expect(await mode.datasets.get(ids)).toEqual(dataset);
    expect(server.seen).toHaveLength(2);
    expect(retries[0]?.delayMs).toBe(0);
  });

  it("surfaces a rate limit error with retryAfterMs when retry-after is beyond the cap", async () => {
    const later = new Date(Date.now() + 3_600_000).toUTCString();
    server.script(
      json(429, { id: "rate_limited", message: "slow down" }, { "Retry-After": later }),
    );
    const error = await mode.datasets.get(ids).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModeRateLimitError);
    expect((error as ModeRateLimitError).retryAfterMs).toBeGreaterThan(5_000);
    expect(server.seen).toHaveLength(1);
  });

  it("never retries a refresh post after a 429", async () => {
    server.script(
      json(429, { id: "rate_limited", message: "slow down" }, { "Retry-After": "0" }),
      json(202, run),
    );
    const error = await mode.reports
      .refreshDatasets({ account: "northwind", report: "r1" }, ["d1"])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModeRateLimitError);
    expect(methodsSeen()).toEqual(["POST"]);
  });
});

describe("503 bursts", () => {
  it("rides out a burst of two 503s on a get", async () => {
    server.script(busy, busy, json(200, dataset));
    expect(await mode.datasets.get(ids)).toEqual(dataset);
    expect(methodsSeen()).toEqual(["GET", "GET", "GET"]);
  });

  it("surfaces a server error after three attempts of a longer burst", async () => {
    server.script(busy);
    const error = await mode.datasets.get(ids).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModeServerError);
    expect(error).toMatchObject({
      status: 503,
      id: "service_unavailable",
      path: "/{account}/datasets/{dataset}",
    });
    expect(server.seen).toHaveLength(3);
  });

  it("sends patch, delete and post exactly once during a burst", async () => {
    server.script(busy);
    await mode.datasets.update(ids, { name: "x" }).catch(() => undefined);
    await mode.datasets.delete(ids).catch(() => undefined);
    await mode.reports
      .refreshDatasets({ account: "northwind", report: "r1" }, ["d1"])
      .catch(() => undefined);
    expect(methodsSeen()).toEqual(["PATCH", "DELETE", "POST"]);
    expect(retries).toEqual([]);
  });

  it("reads an html 502 page as a server error with a short message", async () => {
    server.script(raw(502, "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"));
    const error = await mode.datasets.get(ids).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModeServerError);
    expect((error as Error).message).toBe(
      "GET /{account}/datasets/{dataset} failed with 502: 502 Bad Gateway",
    );
    expect(server.seen).toHaveLength(3);
  });
});

describe("connection resets", () => {
  it("retries a get after a reset", async () => {
    server.script(reset, json(200, dataset));
    expect(await mode.datasets.get(ids)).toEqual(dataset);
    expect(retries.map((r) => r.reason)).toEqual(["connection"]);
  });

  it("surfaces a connection error after three resets", async () => {
    server.script(reset);
    const error = await mode.datasets.get(ids).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModeConnectionError);
    expect(error).toMatchObject({
      attempts: 3,
      path: "/{account}/datasets/{dataset}",
      method: "GET",
    });
    expect(server.seen).toHaveLength(3);
  });

  it("does not replay a refresh post after a reset", async () => {
    server.script(reset, json(202, run));
    const error = await mode.reports
      .refreshDatasets({ account: "northwind", report: "r1" }, ["d1"])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModeConnectionError);
    expect(error).toMatchObject({
      attempts: 1,
      method: "POST",
      path: "/{account}/reports/{report}/runs",
    });
    expect(methodsSeen()).toEqual(["POST"]);
  });
});

describe("stalled responses", () => {
  beforeEach(() => {
    mode = createMode(250);
  });

  it("times out a stalled get on every attempt and surfaces a timeout error", async () => {
    server.script(stall);
    const error = await mode.datasets.get(ids).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModeTimeoutError);
    expect(error).toMatchObject({ attempts: 3, kind: "timeout" });
    expect(server.seen).toHaveLength(3);
    expect(retries.map((r) => r.reason)).toEqual(["timeout", "timeout"]);
  });

  it("times out a body that stalls after the headers, then succeeds on retry", async () => {
    server.script(stallBody, json(200, dataset));
    expect(await mode.datasets.get(ids)).toEqual(dataset);
    expect(retries.map((r) => r.reason)).toEqual(["timeout"]);
  });

  it("times out a stalled delete once without retrying it", async () => {
    server.script(stall);
    const error = await mode.datasets.delete(ids).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModeTimeoutError);
    expect(methodsSeen()).toEqual(["DELETE"]);
  });

  it("surfaces the caller's abort of a stalled request as an abort, without retrying", async () => {
    server.script(stall);
    const controller = new AbortController();
    const pending = mode.datasets.get(ids, { signal: controller.signal }).catch((e: unknown) => e);
    while (server.seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    controller.abort();
    const error = await pending;
    expect(error).toMatchObject({ name: "AbortError" });
    expect(server.seen).toHaveLength(1);
  });
});

describe("broken bodies", () => {
  it("retries a truncated body and surfaces a connection error when it keeps happening", async () => {
    server.script(truncate);
    const error = await mode.datasets.get(ids).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModeConnectionError);
    expect(server.seen).toHaveLength(3);
  });

  it("recovers from one truncated body", async () => {
    server.script(truncate, json(200, dataset));
    expect(await mode.datasets.get(ids)).toEqual(dataset);
    expect(server.seen).toHaveLength(2);
  });

  it("reports a 200 html page as an invalid response without retrying", async () => {
    server.script(raw(200, "<!doctype html><title>Maintenance</title>", "text/html"));
    const error = await mode.datasets.get(ids).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModeInvalidResponseError);
    expect(error).toMatchObject({ status: 200, kind: "invalid_response" });
    expect(server.seen).toHaveLength(1);
  });

  it("reports a listing without its embedded array as an invalid response", async () => {
    server.script(json(200, { _links: { self: { href: "x" } }, _embedded: { datasets: [] } }));
    await expect(mode.datasets.listForSpace({ account: "northwind", space: "s1" })).rejects.toThrow(
      ModeInvalidResponseError,
    );
  });
});

describe("the raw client against a real socket", () => {
  it("sends basic auth over http to loopback and returns data and error without throwing", async () => {
    const client = createModeClient({
      token: "tok-fault",
      secret: "sec-fault",
      baseUrl: server.baseUrl,
      rateLimit: false,
      retry: false,
    });
    server.script(json(404, { id: "not_found", message: "no such dataset" }));
    const { data, error, response } = await client.GET("/{account}/datasets/{dataset}", {
      params: { path: ids },
    });
    expect(data).toBeUndefined();
    expect(error).toEqual({ id: "not_found", message: "no such dataset" });
    expect(response.status).toBe(404);
    expect(server.seen[0]?.authorization).toBe(
      `Basic ${Buffer.from("tok-fault:sec-fault").toString("base64")}`,
    );
    expect(server.seen[0]?.url).toBe("/api/northwind/datasets/d1");
  });

  it("keeps an encoded path parameter as one segment on the wire", async () => {
    const client = createModeClient({
      token: "t",
      secret: "s",
      baseUrl: server.baseUrl,
      rateLimit: false,
    });
    server.script(json(200, dataset));
    await client.GET("/{account}/datasets/{dataset}", {
      params: { path: { account: "northwind", dataset: "a/../b?c#d" } },
    });
    expect(server.seen[0]?.url).toBe("/api/northwind/datasets/a%2F..%2Fb%3Fc%23d");
  });
});
