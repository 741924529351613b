import { describe, expect, it } from "vitest";
import {
  createModeClient,
  ModeConnectionError,
  ModeTimeoutError,
  type RetryEvent,
} from "../../../src/index.js";
import { hal, modeError, recordingFetch, testOptions } from "../helpers/recording-fetch.js";

const path = "/{account}/datasets/{dataset}" as const;
const init = { params: { path: { account: "northwind", dataset: "5a4177a2902c" } } };
const dataset = { token: "5a4177a2902c", id: 1, name: "Orders" };

describe("retries", () => {
  it("retries a get after a 503 and returns the later success", async () => {
    const { fetch, requests } = recordingFetch((_, i) =>
      i < 2 ? modeError(503, "service_unavailable", "down") : hal(dataset),
    );
    const client = createModeClient({ ...testOptions, fetch });
    const { data, response } = await client.GET(path, init);
    expect(response.status).toBe(200);
    expect(data?.name).toBe("Orders");
    expect(requests).toHaveLength(3);
  });

  it("gives up after two retries by default and returns the last error response", async () => {
    const { fetch, requests } = recordingFetch(() => modeError(502, "bad_gateway", "proxy"));
    const client = createModeClient({ ...testOptions, fetch });
    const { error, response } = await client.GET(path, init);
    expect(response.status).toBe(502);
    expect(error).toEqual({ id: "bad_gateway", message: "proxy" });
    expect(requests).toHaveLength(3);
  });

  it("retries each default status and not a 404 or a 501", async () => {
    for (const status of [408, 429, 500, 502, 503, 504]) {
      const { fetch, requests } = recordingFetch((_, i) =>
        i === 0 ? modeError(status, "x", "y") : hal(dataset),
      );
      await createModeClient({ ...testOptions, fetch }).GET(path, init);
      expect(requests, String(status)).toHaveLength(2);
    }
    for (const status of [400, 401, 404, 422, 501]) {
      const { fetch, requests } = recordingFetch(() => modeError(status, "x", "y"));
      await createModeClient({ ...testOptions, fetch }).GET(path, init);
      expect(requests, String(status)).toHaveLength(1);
    }
  });

  it("never retries patch, post or delete", async () => {
    const { fetch, requests } = recordingFetch(() => modeError(503, "service_unavailable", "down"));
    const client = createModeClient({ ...testOptions, fetch });
    await client.PATCH(path, { ...init, body: { report: { name: "n" } } });
    await client.DELETE(path, init);
    await client.POST("/{account}/reports/{report}/runs", {
      params: { path: { account: "northwind", report: "r1" } },
      body: { report: { dataset_tokens: [{ token: "d1" }] } },
    });
    expect(requests.map((r) => r.method)).toEqual(["PATCH", "DELETE", "POST"]);
  });

  it("re-sends the same body on each retry when post is made retryable", async () => {
    const { fetch, requests } = recordingFetch((_, i) =>
      i === 0 ? modeError(503, "x", "y") : hal({ token: "run1" }, { status: 202 }),
    );
    const client = createModeClient({
      ...testOptions,
      fetch,
      retry: { ...testOptions.retry, methods: ["POST"] },
    });
    await client.POST("/{account}/reports/{report}/runs", {
      params: { path: { account: "northwind", report: "r1" } },
      body: { report: { dataset_tokens: [{ token: "d1" }] } },
    });
    expect(requests).toHaveLength(2);
    expect(requests[1]?.body).toBe(requests[0]?.body);
    expect(JSON.parse(requests[1]?.body ?? "")).toEqual({
      report: { dataset_tokens: [{ token: "d1" }] },
    });
    expect(requests[1]?.headers.get("authorization")).toBe(
      requests[0]?.headers.get("authorization"),
    );
  });

  it("does not retry when retry is false", async () => {
    const { fetch, requests } = recordingFetch(() => modeError(503, "x", "y"));
    await createModeClient({ ...testOptions, fetch, retry: false }).GET(path, init);
    expect(requests).toHaveLength(1);
  });

  it("honours configured retries and statuses", async () => {
    const { fetch, requests } = recordingFetch(() => modeError(409, "conflict", "busy"));
    await createModeClient({
      ...testOptions,
      fetch,
      retry: { retries: 4, statuses: [409], baseDelayMs: 1 },
    }).GET(path, init);
    expect(requests).toHaveLength(5);
  });

  it("waits the retry-after seconds and reports the reason", async () => {
    const events: RetryEvent[] = [];
    const { fetch } = recordingFetch((_, i) =>
      i === 0 ? modeError(429, "rate_limited", "slow down", { "Retry-After": "0" }) : hal(dataset),
    );
    const client = createModeClient({
      ...testOptions,
      fetch,
      retry: { ...testOptions.retry, onRetry: (e) => events.push(e) },
    });
    await client.GET(path, init);
    expect(events).toEqual([
      {
        method: "GET",
        url: "https://app.mode.com/api/northwind/datasets/5a4177a2902c",
        attempt: 1,
        delayMs: 0,
        reason: "status",
        status: 429,
      },
    ]);
  });

  it("returns a 429 at once when retry-after exceeds the cap", async () => {
    const { fetch, requests } = recordingFetch(() =>
      modeError(429, "rate_limited", "later", { "Retry-After": "120" }),
    );
    const client = createModeClient({
      ...testOptions,
      fetch,
      retry: { ...testOptions.retry, maxRetryAfterMs: 1000 },
    });
    const { response } = await client.GET(path, init);
    expect(response.status).toBe(429);
    expect(requests).toHaveLength(1);
  });

  it("backs off with full jitter below the exponential ceiling", async () => {
    const events: RetryEvent[] = [];
    const { fetch } = recordingFetch(() => modeError(500, "internal_server_error", "boom"));
    const client = createModeClient({
      ...testOptions,
      fetch,
      retry: {
        retries: 4,
        baseDelayMs: 4,
        maxDelayMs: 10,
        random: () => 0.99,
        onRetry: (e) => events.push(e),
      },
    });
    await client.GET(path, init);
    // ceilings 4, 8, 10 (capped), 10: 99% of each, floored.
    expect(events.map((e) => e.delayMs)).toEqual([3, 7, 9, 9]);
  });

  it("retries a connection failure of a get and surfaces a connection error after the last", async () => {
    const { fetch, requests } = recordingFetch(() => {
      throw new TypeError("fetch failed", { cause: new Error("read ECONNRESET") });
    });
    const client = createModeClient({ ...testOptions, fetch });
    const failure = await client.GET(path, init).catch((e: unknown) => e);
    expect(requests).toHaveLength(3);
    expect(failure).toBeInstanceOf(ModeConnectionError);
    expect(failure).toMatchObject({
      kind: "connection",
      method: "GET",
      path: "/{account}/datasets/{dataset}",
      attempts: 3,
      status: undefined,
    });
    expect((failure as Error).message).toBe(
      "GET /{account}/datasets/{dataset} failed to connect: fetch failed (read ECONNRESET) (3 attempts)",
    );
  });

  it("does not retry a connection failure of a delete", async () => {
    const { fetch, requests } = recordingFetch(() => {
      throw new TypeError("fetch failed");
    });
    const failure = await createModeClient({ ...testOptions, fetch })
      .DELETE(path, init)
      .catch((e: unknown) => e);
    expect(requests).toHaveLength(1);
    expect(failure).toMatchObject({ kind: "connection", attempts: 1 });
  });
});

describe("timeouts", () => {
  // A fetch that never answers unless its signal aborts: the client's timeout must end it.
  const hanging = (): Promise<Response> => new Promise(() => undefined);

  it("times out each attempt and retries a get", async () => {
    const { fetch, requests } = recordingFetch((_, i) => (i < 2 ? hanging() : hal(dataset)));
    const client = createModeClient({ ...testOptions, fetch, timeoutMs: 5 });
    const { data } = await client.GET(path, init);
    expect(data?.token).toBe("5a4177a2902c");
    expect(requests).toHaveLength(3);
  });

  it("surfaces a timeout error after the last attempt", async () => {
    const { fetch, requests } = recordingFetch(hanging);
    const client = createModeClient({ ...testOptions, fetch, timeoutMs: 5 });
    const failure = await client.GET(path, init).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ModeTimeoutError);
    expect(failure).toMatchObject({
      kind: "timeout",
      attempts: 3,
      path: "/{account}/datasets/{dataset}",
    });
    expect((failure as Error).message).toBe(
      "GET /{account}/datasets/{dataset} timed out after 5 ms (3 attempts)",
    );
    expect(requests).toHaveLength(3);
  });

  it("gives each attempt a signal that aborts on timeout", async () => {
    const { fetch, requests } = recordingFetch(hanging);
    await createModeClient({ ...testOptions, fetch, timeoutMs: 5, retry: false })
      .GET(path, init)
      .catch(() => undefined);
    expect(requests[0]?.signal.aborted).toBe(true);
  });

  it("surfaces the caller's abort unchanged and does not retry it", async () => {
    const controller = new AbortController();
    const { fetch, requests } = recordingFetch(() => {
      controller.abort(new DOMException("user left", "AbortError"));
      return hanging();
    });
    const client = createModeClient({ ...testOptions, fetch, timeoutMs: false });
    const failure = await client
      .GET(path, { ...init, signal: controller.signal })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DOMException);
    expect((failure as DOMException).name).toBe("AbortError");
    expect((failure as DOMException).message).toBe("user left");
    expect(requests).toHaveLength(1);
  });

  it("aborts the attempt's signal with the caller's reason", async () => {
    const controller = new AbortController();
    const reason = new DOMException("user left", "AbortError");
    const { fetch, requests } = recordingFetch(() => {
      controller.abort(reason);
      return hanging();
    });
    await createModeClient({ ...testOptions, fetch })
      .GET(path, { ...init, signal: controller.signal })
      .catch(() => undefined);
    expect(requests[0]?.signal.aborted).toBe(true);
    expect(requests[0]?.signal.reason).toBe(reason);
  });

  it("follows a signal that a caller's middleware puts on the request", async () => {
    // Requests built without a signal are not listened to; one a middleware replaced must be.
    const controller = new AbortController();
    const reason = new DOMException("user left", "AbortError");
    const { fetch, requests } = recordingFetch(() => {
      controller.abort(reason);
      return hanging();
    });
    const client = createModeClient({ ...testOptions, fetch, timeoutMs: false });
    client.use({ onRequest: ({ request }) => new Request(request, { signal: controller.signal }) });
    const failure = await client.GET(path, init).catch((e: unknown) => e);
    expect(failure).toBe(reason);
    expect(requests[0]?.signal.reason).toBe(reason);
  });

  it("stops listening to the caller's signal once an attempt is over", async () => {
    const controller = new AbortController();
    const { fetch, requests } = recordingFetch(() => hal(dataset));
    const client = createModeClient({ ...testOptions, fetch });
    await client.GET(path, { ...init, signal: controller.signal });
    await client.GET(path, { ...init, signal: controller.signal });
    controller.abort();
    // A listener left behind would abort the finished attempts' signals now.
    expect(requests.map((r) => r.signal.aborted)).toEqual([false, false]);
  });

  it("stops waiting between retries when the caller aborts", async () => {
    const controller = new AbortController();
    const { fetch, requests } = recordingFetch(() => {
      queueMicrotask(() => controller.abort());
      return modeError(503, "x", "y");
    });
    const client = createModeClient({
      ...testOptions,
      fetch,
      retry: { baseDelayMs: 60_000, maxDelayMs: 60_000, random: () => 1 },
    });
    const failure = await client
      .GET(path, { ...init, signal: controller.signal })
      .catch((e: unknown) => e);
    expect((failure as DOMException).name).toBe("AbortError");
    expect(requests).toHaveLength(1);
  });

  it("does not start a request for an already aborted signal", async () => {
    const { fetch, requests } = recordingFetch(() => hal(dataset));
    const failure = await createModeClient({ ...testOptions, fetch })
      .GET(path, { ...init, signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect((failure as DOMException).name).toBe("AbortError");
    expect(requests).toHaveLength(0);
  });
});
