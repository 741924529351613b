// What the client reports through `logger` at each `logLevel` (or MODE_LOG), and that nothing
// it reports ever holds a credential, in any encoding, whatever the server echoes.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createModeClient,
  createModeDatasets,
  type Logger,
  uncheckedFilter,
} from "../../../src/index.js";
import { hal, modeError, recordingFetch, testOptions } from "../helpers/recording-fetch.js";

const TOKEN = "tok-logged-0001";
// A "/" and a "+" and a "?" so that a URL carries it percent-encoded, not as it is.
const SECRET = "s3cr/et+log?ged";
const BASIC = btoa(`${TOKEN}:${SECRET}`);
const dataset = { token: "5a4177a2902c", id: 1, name: "Orders" };

interface Line {
  level: keyof Logger;
  message: string;
  details: Record<string, unknown> | undefined;
}

function recordingLogger(): Logger & { lines: Line[] } {
  const lines: Line[] = [];
  const at =
    (level: keyof Logger) =>
    (message: string, details?: Record<string, unknown>): void => {
      lines.push({ level, message, details });
    };
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

const text = (lines: Line[]): string =>
  lines.map((line) => `${line.message} ${JSON.stringify(line.details)}`).join("\n");

afterEach(() => vi.unstubAllEnvs());

describe("what is logged", () => {
  it("reports each attempt at debug, a retry at info, and the API's hold-off at warn", async () => {
    const logger = recordingLogger();
    const { fetch } = recordingFetch((_, i) =>
      i === 0
        ? modeError(503, "service_unavailable", "down")
        : i === 1
          ? modeError(429, "rate_limited", "slow", { "Retry-After": "0" })
          : hal(dataset),
    );
    const mode = createModeDatasets({
      ...testOptions,
      fetch,
      logger,
      logLevel: "debug",
      rateLimit: { requests: 40, intervalMs: 10 },
    });
    await mode.datasets.get({ account: "northwind", dataset: "5a4177a2902c" });
    const url = "https://app.mode.com/api/northwind/datasets/5a4177a2902c";
    expect(logger.lines.map((line) => [line.level, line.message])).toEqual([
      [
        "debug",
        expect.stringMatching(new RegExp(`^GET ${url} answered 503 in \\d+ ms \\(attempt 1\\)$`)),
      ],
      [
        "info",
        `GET ${url} retries in ${logger.lines[1]?.details?.["delayMs"]} ms after 503 (attempt 1 of 3)`,
      ],
      ["debug", expect.stringMatching(/answered 429 in \d+ ms \(attempt 2\)$/)],
      ["warn", `GET ${url} was answered 429: every call on this rate limiter holds off 0 ms`],
      ["info", `GET ${url} retries in 0 ms after 429 (attempt 2 of 3)`],
      ["debug", expect.stringMatching(/answered 200 in \d+ ms \(attempt 3\)$/)],
    ]);
    expect(logger.lines[0]?.details).toMatchObject({ method: "GET", url, attempt: 1, status: 503 });
  });

  it("reports a wait for the rate limiter at info", async () => {
    const logger = recordingLogger();
    const { fetch } = recordingFetch(() => hal(dataset));
    const client = createModeClient({
      ...testOptions,
      fetch,
      logger,
      logLevel: "info",
      rateLimit: { requests: 1, intervalMs: 30 },
    });
    const init = { params: { path: { account: "a", dataset: "b" } } };
    await Promise.all([
      client.GET("/{account}/datasets/{dataset}", init),
      client.GET("/{account}/datasets/{dataset}", init),
    ]);
    expect(logger.lines.map((line) => line.message)).toEqual([
      expect.stringMatching(/^GET \S+ waited \d+ ms for the rate limiter$/),
    ]);
  });

  it("warns of an attempt that took more than half its timeout", async () => {
    const logger = recordingLogger();
    const { fetch } = recordingFetch(
      () => new Promise((resolve) => setTimeout(() => resolve(hal(dataset)), 30)),
    );
    const client = createModeClient({
      ...testOptions,
      fetch,
      logger,
      logLevel: "warn",
      timeoutMs: 40,
      retry: false,
    });
    // On a busy machine the timeout may win: slow either way.
    await client
      .GET("/{account}/datasets/{dataset}", { params: { path: { account: "a", dataset: "b" } } })
      .catch(() => undefined);
    expect(logger.lines.map((line) => [line.level, line.message])).toEqual([
      ["warn", expect.stringMatching(/was slow: (200|timeout) after \d+ ms \(attempt 1\)$/)],
    ]);
  });

  it("reports nothing below the level asked for, and nothing at all by default", async () => {
    const logger = recordingLogger();
    const { fetch } = recordingFetch((_, i) => (i === 0 ? modeError(503, "x", "y") : hal(dataset)));
    const init = { params: { path: { account: "a", dataset: "b" } } };
    await createModeClient({ ...testOptions, fetch, logger, logLevel: "warn" }).GET(
      "/{account}/datasets/{dataset}",
      init,
    );
    await createModeClient({ ...testOptions, fetch, logger }).GET(
      "/{account}/datasets/{dataset}",
      init,
    );
    expect(logger.lines).toEqual([]);
  });

  it("takes its level from MODE_LOG when logLevel is not given, and refuses an unknown one", async () => {
    vi.stubEnv("MODE_LOG", "info");
    const logger = recordingLogger();
    const { fetch } = recordingFetch((_, i) => (i === 0 ? modeError(503, "x", "y") : hal(dataset)));
    await createModeClient({ ...testOptions, fetch, logger }).GET("/{account}/datasets/{dataset}", {
      params: { path: { account: "a", dataset: "b" } },
    });
    expect(logger.lines.map((line) => line.level)).toEqual(["info"]);
    vi.stubEnv("MODE_LOG", "verbose");
    expect(() => createModeClient({ ...testOptions, logger })).toThrow(
      /^MODE_LOG "verbose" is invalid; expected off, error, warn, info, debug$/,
    );
    expect(() => createModeClient({ ...testOptions, logLevel: "loud" as "info" })).toThrow(
      /logLevel "loud"/,
    );
    expect(() =>
      createModeClient({
        ...testOptions,
        logLevel: "info",
        logger: { info: 1 } as unknown as Logger,
      }),
    ).toThrow(/logger.error is not a function/);
  });

  it("keeps a request alive when the logger throws", async () => {
    const throwing = () => {
      throw new Error("disk full");
    };
    const logger = { debug: throwing, info: throwing, warn: throwing, error: throwing };
    const { fetch } = recordingFetch((_, i) => (i === 0 ? modeError(503, "x", "y") : hal(dataset)));
    const { data } = await createModeClient({
      ...testOptions,
      fetch,
      logger,
      logLevel: "debug",
    }).GET("/{account}/datasets/{dataset}", { params: { path: { account: "a", dataset: "b" } } });
    expect(data).toEqual(dataset);
  });
});

describe("credentials in the log", () => {
  it("never logs the token, the secret or the Authorization value, in any encoding", async () => {
    const logger = recordingLogger();
    // Echoes the credentials in the body and in headers, answers 429 with Retry-After, 503 and
    // finally 200; every request's URL holds the secret in its path and its query.
    const echo = (request: Request) => ({
      "X-Echo": `${request.headers.get("authorization")} ${TOKEN} ${SECRET}`,
    });
    const { fetch, requests } = recordingFetch((request, i) =>
      i === 0
        ? modeError(429, "rate_limited", `bad ${request.headers.get("authorization")}`, {
            "Retry-After": "0",
            ...echo(request),
          })
        : i === 1
          ? modeError(503, "down", `${TOKEN} ${SECRET}`, echo(request))
          : hal({ token: SECRET, echo: BASIC }, { headers: echo(request) }),
    );
    const mode = createModeDatasets({
      ...testOptions,
      token: TOKEN,
      secret: SECRET,
      fetch,
      logger,
      logLevel: "debug",
      rateLimit: { requests: 40, intervalMs: 10 },
    });
    await mode.datasets
      .listForSpace(
        { account: "northwind", space: SECRET, filter: uncheckedFilter(`${TOKEN}:${SECRET}`) },
        { timeoutMs: 10_000 },
      )
      .catch(() => undefined);
    // The URL really carried the secret, percent-encoded.
    expect(requests[0]?.url).toContain(encodeURIComponent(SECRET));
    expect(logger.lines.length).toBeGreaterThanOrEqual(5);
    const logged = text(logger.lines);
    for (const credential of [
      TOKEN,
      SECRET,
      BASIC,
      encodeURIComponent(SECRET),
      encodeURIComponent(BASIC),
    ])
      expect(logged).not.toContain(credential);
    expect(logged).toContain("[redacted]");
  });
});
