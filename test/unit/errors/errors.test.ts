import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  createModeDatasets,
  errorFromResponse,
  ModeApiError,
  ModeBadRequestError,
  ModeForbiddenError,
  ModeNotFoundError,
  ModeRateLimitError,
  ModeServerError,
  ModeUnauthorizedError,
  ModeUnprocessableEntityError,
} from "../../../src/index.js";
import { recordingFetch, testOptions } from "../helpers/recording-fetch.js";

const path = "/{account}/datasets/{dataset}";

function responseOf(status: number, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers });
}

describe("errorFromResponse", () => {
  it("picks a class and kind per status", () => {
    const cases = [
      [400, ModeBadRequestError, "bad_request"],
      [401, ModeUnauthorizedError, "unauthorized"],
      [403, ModeForbiddenError, "forbidden"],
      [404, ModeNotFoundError, "not_found"],
      [422, ModeUnprocessableEntityError, "unprocessable_entity"],
      [429, ModeRateLimitError, "rate_limited"],
      [500, ModeServerError, "server"],
      [503, ModeServerError, "server"],
      [409, ModeApiError, "http"],
    ] as const;
    for (const [status, Class, kind] of cases) {
      const error = errorFromResponse({
        body: { id: "x", message: "y" },
        response: responseOf(status),
        method: "GET",
        path,
      });
      expect(error, String(status)).toBeInstanceOf(Class);
      expect(error).toBeInstanceOf(ModeApiError);
      expect(error.kind).toBe(kind);
      expect(error.status).toBe(status);
    }
  });

  it("carries mode's id and message with the method and path template", () => {
    const error = errorFromResponse({
      body: { id: "not_found", message: "Dataset not found" },
      response: responseOf(404),
      method: "GET",
      path,
    });
    expect(error.message).toBe(
      "GET /{account}/datasets/{dataset} failed with 404 not_found: Dataset not found",
    );
    expect(error).toMatchObject({ id: "not_found", method: "GET", path, status: 404 });
  });

  it("tolerates a message that is an object", () => {
    const error = errorFromResponse({
      body: { id: "bad_request", message: { name: ["is too long"] } },
      response: responseOf(400),
      method: "PATCH",
      path,
    });
    expect(error.message).toBe(
      'PATCH /{account}/datasets/{dataset} failed with 400 bad_request: {"name":["is too long"]}',
    );
    expect(error.body).toEqual({ id: "bad_request", message: { name: ["is too long"] } });
  });

  it("keeps the parameter a validating mock names in its sl-violations header", () => {
    const violations = [
      {
        location: ["request", "query", "filter"],
        severity: "Error",
        code: "enum",
        message:
          "Request query parameter filter must be equal to one of the allowed values: all, custom, mine",
      },
      // About the mock's own answer: not the caller's to fix, so not in the message.
      { location: ["response", "body"], severity: "Warning", code: "type", message: "odd answer" },
    ];
    const error = errorFromResponse({
      body: {
        id: "bad_request",
        message: "Bad request: a parameter or body field is missing or invalid",
      },
      response: responseOf(400, { "sl-violations": JSON.stringify(violations) }),
      method: "GET",
      path: "/{account}/spaces",
    });
    expect(error.message).toBe(
      "GET /{account}/spaces failed with 400 bad_request: Bad request: a parameter or body field is missing or invalid; request.query.filter: Request query parameter filter must be equal to one of the allowed values: all, custom, mine",
    );
  });

  it("keeps a problem document's detail and the parameters its validation list names", () => {
    const error = errorFromResponse({
      body: {
        type: "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY",
        title: "Invalid request",
        detail: "Your request is not valid and no HTTP validation response was found in the spec.",
        validation: [
          { location: ["query", "per_page"], code: "maximum", message: "must be <= 1000" },
        ],
      },
      response: responseOf(422),
      method: "GET",
      path,
    });
    expect(error.message).toBe(
      "GET /{account}/datasets/{dataset} failed with 422: Your request is not valid and no HTTP validation response was found in the spec.; request.query.per_page: must be <= 1000",
    );
  });

  it("tolerates an html body, reading it as one short line", () => {
    const html = `<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1>${"x".repeat(500)}</body></html>`;
    const error = errorFromResponse({ body: html, response: responseOf(502), method: "GET", path });
    expect(error.id).toBeUndefined();
    expect(error.message).toMatch(
      /^GET \/\{account\}\/datasets\/\{dataset\} failed with 502: 502 Bad Gateway Bad Gateway x+…$/,
    );
    expect(error.message.length).toBeLessThan(300);
  });

  it("falls back to the status text for an empty body", () => {
    const error = errorFromResponse({
      body: undefined,
      response: new Response(null, { status: 500, statusText: "Internal Server Error" }),
      method: "GET",
      path,
    });
    expect(error.message).toBe(
      "GET /{account}/datasets/{dataset} failed with 500: Internal Server Error",
    );
  });

  it("reads retry-after in seconds and as an http date, and a request id", () => {
    const now = Date.UTC(2026, 0, 1, 0, 0, 0);
    const seconds = errorFromResponse({
      body: { id: "rate_limited", message: "slow" },
      response: responseOf(429, { "Retry-After": "7", "X-Request-Id": "req-42" }),
      method: "GET",
      path,
      now,
    });
    expect(seconds).toMatchObject({ retryAfterMs: 7000, requestId: "req-42" });
    const date = errorFromResponse({
      body: undefined,
      response: responseOf(429, { "Retry-After": "Thu, 01 Jan 2026 00:00:03 GMT" }),
      method: "GET",
      path,
      now,
    });
    expect(date.retryAfterMs).toBe(3000);
    expect(date.requestId).toBeUndefined();
  });
});

describe("secrets in errors", () => {
  const token = "tok-SECRET-token-value";
  const secret = "sec-SECRET-secret-value";
  const basic = btoa(`${token}:${secret}`);

  it("never shows credentials in message, toString, json or inspect, even when the server echoes them", async () => {
    const { fetch } = recordingFetch(
      (request) =>
        new Response(
          JSON.stringify({
            id: "unauthorized",
            message: `bad credentials ${request.headers.get("authorization")} ${token} ${secret}`,
          }),
          { status: 401, headers: { "Content-Type": "application/json" } },
        ),
    );
    const mode = createModeDatasets({ ...testOptions, token, secret, fetch });
    const error = await mode.datasets.get({ account: "a", dataset: "b" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModeUnauthorizedError);
    const views = [
      (error as Error).message,
      String(error),
      JSON.stringify(error),
      inspect(error, { depth: 10, showHidden: true }),
      JSON.stringify((error as ModeApiError).body),
    ];
    for (const view of views) {
      expect(view).not.toContain(token);
      expect(view).not.toContain(secret);
      expect(view).not.toContain(basic);
    }
    expect((error as Error).message).toContain("[redacted]");
  });

  it("serialises the useful fields to json", () => {
    const error = errorFromResponse({
      body: { id: "not_found", message: "gone" },
      response: responseOf(404, { "X-Request-Id": "r1" }),
      method: "GET",
      path,
    });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "ModeNotFoundError",
      kind: "not_found",
      message: "GET /{account}/datasets/{dataset} failed with 404 not_found: gone",
      status: 404,
      id: "not_found",
      method: "GET",
      path,
      requestId: "r1",
    });
  });

  it("scrubs the current pair after the credentials rotate", async () => {
    const pairs = [
      { token: "tok-FIRST-token-value", secret: "sec-FIRST-secret-value" },
      { token: "tok-FIRST-token-value", secret: "sec-SECOND-secret-value" },
    ];
    let n = 0;
    // Echoes the header and the secret of the pair this request was sent with.
    const { fetch } = recordingFetch((request) => {
      const message = `bad ${request.headers.get("authorization")} ${pairs[n - 1]?.secret}`;
      return new Response(JSON.stringify({ id: "unauthorized", message }), {
        status: 401,
        headers: { "Content-Type": "application/json" },
      });
    });
    const credentials = () => ({ ...(pairs[n++] as { token: string; secret: string }) });
    const mode = createModeDatasets({
      ...testOptions,
      token: undefined,
      secret: undefined,
      fetch,
      credentials,
    });
    for (const pair of pairs) {
      const error = await mode.datasets
        .get({ account: "a", dataset: "b" })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ModeUnauthorizedError);
      expect((error as Error).message).not.toContain(pair.secret);
      expect((error as Error).message).not.toContain(btoa(`${pair.token}:${pair.secret}`));
      expect((error as Error).message).toContain("[redacted]");
    }
  });
});

describe("secret scrubbing", () => {
  it("leaves error bodies alone when credentials are too short to scrub safely", async () => {
    const { fetch } = recordingFetch(
      () =>
        new Response(JSON.stringify({ id: "not_found", message: "Dataset not found" }), {
          status: 404,
        }),
    );
    const mode = createModeDatasets({ ...testOptions, token: "t", secret: "s", fetch });
    const error = await mode.datasets.get({ account: "a", dataset: "b" }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      "GET /{account}/datasets/{dataset} failed with 404 not_found: Dataset not found",
    );
  });
});
