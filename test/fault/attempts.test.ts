// Every error says how many attempts were made, whichever way the request ended: a 429 whose
// Retry-After is too long to wait out (at once, or after a retry), and a connection reset, on a
// real socket, through both layers.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createModeClient,
  createModeDatasets,
  errorFromResponse,
  ModeConnectionError,
  ModeRateLimitError,
  type ModeDatasets,
} from "../../src/index.js";
import { json, reset, startFaultServer, type FaultServer } from "./helpers/fault-server.js";

const ids = { account: "northwind", dataset: "d1" };
const path = "/{account}/datasets/{dataset}";
const slowDown = json(429, { id: "rate_limited", message: "slow down" }, { "Retry-After": "999" });
const busy = json(503, { id: "service_unavailable", message: "try later" });

let server: FaultServer;
let mode: ModeDatasets;
const options = () => ({
  token: "tok-attempts",
  secret: "sec-attempts",
  baseUrl: server.baseUrl,
  timeoutMs: 10_000,
  retry: { baseDelayMs: 1, maxDelayMs: 2 },
  rateLimit: false as const,
});

beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  mode = createModeDatasets(options());
});

describe("attempts on every error", () => {
  it("counts one attempt behind a 429 whose Retry-After of 999 s is over maxRetryAfterMs", async () => {
    server.script(slowDown);
    const error = await mode.datasets.get(ids).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModeRateLimitError);
    expect(error).toMatchObject({ attempts: 1, retryAfterMs: 999_000 });
    expect(server.seen).toHaveLength(1);
  });

  it("counts both attempts when that 429 follows a retried 503", async () => {
    server.script(busy, slowDown);
    const error = await mode.datasets.get(ids).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "rate_limited", attempts: 2 });
    expect(server.seen).toHaveLength(2);
  });

  it("counts the attempts of that 429 in the plain client's answer too", async () => {
    server.script(busy, slowDown);
    const { error, response } = await createModeClient(options()).GET(path, {
      params: { path: ids },
    });
    expect(errorFromResponse({ body: error, response, method: "GET", path })).toMatchObject({
      status: 429,
      attempts: 2,
    });
  });

  it("counts one attempt behind a connection reset that is not retried", async () => {
    server.script(reset);
    const error = await mode.datasets.get(ids, { retry: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModeConnectionError);
    expect(error).toMatchObject({ attempts: 1 });
  });

  it("counts every attempt behind resets that outlast the retries, in the plain client too", async () => {
    server.script(reset);
    const error = await createModeClient(options())
      .GET(path, { params: { path: ids } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModeConnectionError);
    expect(error).toMatchObject({ attempts: 3 });
    expect(server.seen).toHaveLength(3);
  });
});
