// Numbers a caller or a server supplies stay within what the runtime can honour: durations
// that a timer cannot hold are refused at creation (Node clamps a delay of 2^31 ms or more to
// 1 ms), every error says how many attempts were made, and a Date is a Date whatever realm
// built it.
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import {
  createdAfter,
  createModeDatasets,
  errorFromResponse,
  filterBy,
  updatedBefore,
  type ModeClientOptions,
} from "../../src/index.js";
import { hostileServer, send, sendJson } from "./helpers/hostile-server.js";
import { plainClient, rejection, throwingClient } from "./helpers/hostile-client.js";

const path = "/{account}/datasets/{dataset}";
const ids = { account: "northwind", dataset: "5a4177a2902c" };
const TOO_LONG = 2 ** 31;
const LONGEST = 2 ** 31 - 1;

const durations: [string, (ms: number) => ModeClientOptions][] = [
  ["timeoutMs", (ms) => ({ timeoutMs: ms })],
  ["retry.maxRetryAfterMs", (ms) => ({ retry: { maxRetryAfterMs: ms } })],
  ["retry.maxDelayMs", (ms) => ({ retry: { maxDelayMs: ms } })],
  ["rateLimit.intervalMs", (ms) => ({ rateLimit: { requests: 40, intervalMs: ms } })],
];

describe("durations a timer cannot hold", () => {
  for (const [name, option] of durations) {
    it(`refuses ${name} of 2^31 ms at creation, naming the option`, () => {
      const create = () =>
        createModeDatasets({ token: "tok-numbers", secret: "sec-numbers", ...option(TOO_LONG) });
      expect(create).toThrow(RangeError);
      expect(create).toThrow(name);
    });
  }

  it("accepts 2^31 - 1 ms for each", () => {
    for (const [name, option] of durations) {
      expect(
        () =>
          createModeDatasets({ token: "tok-numbers", secret: "sec-numbers", ...option(LONGEST) }),
        name,
      ).not.toThrow();
    }
  });

  it("does not wait out a retry-after longer than a timer can hold", async () => {
    const server = await hostileServer((_request, response) =>
      sendJson(
        response,
        429,
        { id: "rate_limited", message: "slow down" },
        {
          // 25 days.
          "Retry-After": "2160000",
        },
      ),
    );
    const mode = throwingClient(server.baseUrl, { retry: { maxRetryAfterMs: LONGEST } });
    const error = await rejection(mode.datasets.get(ids));
    expect(error).toMatchObject({ kind: "rate_limited", retryAfterMs: 2_160_000_000 });
    expect(server.seen).toHaveLength(1);
  });
});

describe("attempts on every error", () => {
  it("counts the attempts behind a server error that outlasted the retries", async () => {
    const server = await hostileServer((_request, response) =>
      sendJson(response, 503, { id: "service_unavailable", message: "try later" }),
    );
    const error = await rejection(throwingClient(server.baseUrl).datasets.get(ids));
    expect(server.seen).toHaveLength(3);
    expect(error).toMatchObject({ kind: "server", status: 503, attempts: 3 });
  });

  it("counts one attempt behind a 404", async () => {
    const server = await hostileServer((_request, response) =>
      sendJson(response, 404, { id: "not_found", message: "no such dataset" }),
    );
    const error = await rejection(throwingClient(server.baseUrl).datasets.get(ids));
    expect(error).toMatchObject({ kind: "not_found", attempts: 1 });
  });

  it("counts the attempts behind an invalid success body", async () => {
    const server = await hostileServer((_request, response) =>
      send(response, 200, "<html>maintenance</html>", { "Content-Type": "text/html" }),
    );
    const error = await rejection(throwingClient(server.baseUrl).datasets.get(ids));
    expect(error).toMatchObject({ kind: "invalid_response", attempts: 1 });
  });

  it("counts the attempts when errorFromResponse shapes a plain-client result", async () => {
    const server = await hostileServer((_request, response) =>
      sendJson(response, 503, { id: "service_unavailable", message: "try later" }),
    );
    const { error, response } = await plainClient(server.baseUrl).GET(path, {
      params: { path: ids },
    });
    expect(errorFromResponse({ body: error, response, method: "GET", path })).toMatchObject({
      status: 503,
      attempts: 3,
    });
  });
});

describe("dates from another realm", () => {
  // A vm context, an iframe or some test runners build Dates with their own Date constructor.
  it("accepts a date built in another realm in every filter helper", () => {
    const date = runInNewContext("new Date(Date.UTC(2024, 0, 1))") as Date;
    expect(date instanceof Date).toBe(false);
    expect(createdAfter(date)).toBe("created_at.gt.2024-01-01T00:00:00.000Z");
    expect(updatedBefore(date)).toBe("updated_at.lt.2024-01-01T00:00:00.000Z");
    expect(filterBy("created_at", "lt", date)).toBe("created_at.lt.2024-01-01T00:00:00.000Z");
  });

  it("refuses an invalid date from another realm with a RangeError", () => {
    const invalid = runInNewContext("new Date(Number.NaN)") as Date;
    expect(() => createdAfter(invalid)).toThrow(RangeError);
  });
});
