// What `--junit` and `--json` write, from recorded exchanges: one case per operation and kind of
// violation, the verdict and exit code, and JUnit XML that any parser reads back whatever the
// messages hold.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  buildSummary,
  escapeAttribute,
  isSecretName,
  type RecordedExchange,
  type RunInput,
  redactExchange,
  redactUrl,
  toJsonSummary,
  toJunitXml,
} from "../../kit/report/index.js";
import { reportRun } from "../../kit/run-report.js";

const patternMessage =
  'Request query parameter filter must match pattern "^(created_at|updated_at)\\.(gt|lt)\\.…$"';

const exchanges: RecordedExchange[] = [
  {
    method: "GET",
    url: "/northwind/datasets/5a4177a2902c",
    operation: "getDataset",
    status: 200,
    violations: [],
  },
  {
    method: "GET",
    url: "/northwind/spaces/8f2c6d1e9b4a/datasets?filter=name.gt.x",
    operation: "listDatasetsForSpace",
    status: 422,
    violations: [
      {
        location: "request.query.filter",
        code: "pattern",
        message: patternMessage,
        severity: "Error",
      },
    ],
  },
  {
    method: "GET",
    url: "/northwind/spaces/8f2c6d1e9b4a/datasets?filter=size.lt.y",
    operation: "listDatasetsForSpace",
    status: 422,
    violations: [
      {
        location: "request.query.filter",
        code: "pattern",
        message: patternMessage,
        severity: "Error",
      },
    ],
  },
  {
    method: "GET",
    url: "/northwind/reports/7f3c2a9d41b8/runs",
    operation: "listReportRuns",
    status: 200,
    violations: [
      {
        location: "request.header.accept",
        code: "accept-json-for-hal",
        message: "Accept `application/json` leaves out `application/hal+json`",
        severity: "warning",
      },
    ],
  },
  {
    method: "GET",
    url: "/northwind/widgets",
    operation: null,
    status: 404,
    violations: [
      {
        location: "request",
        code: "NO_PATH_MATCHED_ERROR",
        message: "Route not resolved",
        severity: "Error",
      },
    ],
  },
];

const run = (overrides: Partial<RunInput> = {}): RunInput => ({
  mode: "contract",
  spec: "generated/openapi.yaml",
  exchanges,
  strict: false,
  command: ["pytest", "-q"],
  commandExitCode: 0,
  ...overrides,
});

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  isArray: (name) => ["testsuite", "testcase", "property"].includes(name),
  htmlEntities: true,
});

// biome-ignore lint/suspicious/noExplicitAny: the parsed XML is walked by its JUnit shape
const readXml = (xml: string): any => {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml).testsuites;
};

describe("the run summary", () => {
  it("groups violations into one case per operation and kind, counting them", () => {
    const summary = buildSummary(run());
    expect(
      summary.operations.map((o) => [
        o.operation,
        o.requests,
        o.cases.map((c) => `${c.kind} ${c.severity} x${c.count}`),
      ]),
    ).toEqual([
      ["(no operation) GET /northwind/widgets", 1, ["request (NO_PATH_MATCHED_ERROR) error x1"]],
      ["getDataset", 1, []],
      ["listDatasetsForSpace", 2, ["request.query.filter (pattern) error x2"]],
      ["listReportRuns", 1, ["request.header.accept (accept-json-for-hal) warning x1"]],
    ]);
    expect(summary.requests).toEqual({ total: 5, withErrors: 3, withWarnings: 1 });
  });

  it("fails on errors, passes warnings unless strict", () => {
    const clean = exchanges.filter((e) => e.violations.every((v) => v.severity !== "Error"));
    expect(buildSummary(run({ exchanges: clean }))).toMatchObject({
      verdict: "pass",
      exitCode: 0,
      reasons: [],
    });
    expect(buildSummary(run({ exchanges: clean, strict: true }))).toMatchObject({
      verdict: "fail",
      exitCode: 1,
      reasons: ["1 request(s) had warnings, which fail under --strict"],
    });
    expect(buildSummary(run())).toMatchObject({
      verdict: "fail",
      exitCode: 1,
      reasons: ["3 request(s) broke the contract"],
    });
  });

  it("exits with the command's code when it failed, and 1 when nothing was sent", () => {
    expect(buildSummary(run({ commandExitCode: 3 }))).toMatchObject({ exitCode: 3 });
    expect(buildSummary(run({ commandExitCode: null })).reasons).toContain(
      "the command was stopped by a signal",
    );
    expect(buildSummary(run({ exchanges: [] }))).toMatchObject({
      exitCode: 1,
      reasons: ["the command sent no request"],
    });
    expect(buildSummary(run({ mode: "proxy", exchanges: [] }))).toMatchObject({
      exitCode: 0,
      verdict: "pass",
    });
  });

  it("writes JSON that reads back as the summary", () => {
    const summary = buildSummary(run());
    expect(JSON.parse(toJsonSummary(summary))).toEqual(summary);
    expect(summary.format).toBe("mode-datasets-contract-summary/1");
  });
});

describe("JUnit XML", () => {
  it("has one test case per operation and kind, failing where the run fails", () => {
    const xml = readXml(toJunitXml(buildSummary(run())));
    const cases = xml.testsuite.flatMap((s: { testcase?: unknown[] }) => s.testcase ?? []);
    expect(
      cases.map((c: { classname: string; name: string; failure?: unknown }) => [
        c.classname,
        c.name,
        c.failure ? "fail" : "pass",
      ]),
    ).toEqual([
      ["(run)", "the command exits 0: pytest -q", "pass"],
      ["(run)", "the command sends at least one request", "pass"],
      ["(no operation) GET /northwind/widgets", "request (NO_PATH_MATCHED_ERROR)", "fail"],
      ["getDataset", "1 request(s) matched the spec", "pass"],
      ["listDatasetsForSpace", "request.query.filter (pattern)", "fail"],
      ["listReportRuns", "request.header.accept (accept-json-for-hal)", "pass"],
    ]);
    expect(xml).toMatchObject({ tests: "6", failures: "2" });
    expect(
      xml.testsuite.map((s: { name: string; failures: string }) => [s.name, s.failures]),
    ).toEqual([
      ["(run)", "0"],
      ["(no operation) GET /northwind/widgets", "1"],
      ["getDataset", "0"],
      ["listDatasetsForSpace", "1"],
      ["listReportRuns", "0"],
    ]);
    const filter = cases.find((c: { name: string }) => c.name === "request.query.filter (pattern)");
    expect(filter.failure.message).toBe(patternMessage);
    expect(filter.failure["#text"]).toContain("2 time(s), error");
  });

  it("fails the warning case under --strict and the run case when the command fails", () => {
    const xml = readXml(toJunitXml(buildSummary(run({ strict: true, commandExitCode: 2 }))));
    const cases = xml.testsuite.flatMap((s: { testcase?: unknown[] }) => s.testcase ?? []);
    const failed = cases
      .filter((c: { failure?: unknown }) => c.failure)
      .map((c: { name: string }) => c.name);
    expect(failed).toContain("request.header.accept (accept-json-for-hal)");
    expect(failed).toContain("the command exits 0: pytest -q");
  });

  it("stays well-formed and keeps the message whatever it holds", () => {
    const hostile = `a "quoted" <tag> & 'apos' ]]> \u0007bell\ttab\nline`;
    const xml = toJunitXml(
      buildSummary(
        run({
          command: ["sh", "-c", "echo </testsuites> & exit"],
          exchanges: [
            {
              method: "GET",
              url: '/x?a=<b>&c="d"',
              operation: "op<&>\"'",
              status: 400,
              violations: [
                { location: "request.query.a", code: "x&y", message: hostile, severity: "Error" },
              ],
            },
          ],
        }),
      ),
    );
    const parsed = readXml(xml);
    const suite = parsed.testsuite.find((s: { name: string }) => s.name === "op<&>\"'");
    const [testcase] = suite.testcase;
    expect(testcase.failure.type).toBe("x&y");
    // The bell is not allowed in XML 1.0 and is replaced; everything else comes back as sent.
    expect(testcase.failure.message).toBe(hostile.replace("\u0007", "\uFFFD"));
    expect(testcase.failure["#text"]).toContain('/x?a=<b>&c="d"');
    expect(parsed.testsuite[0].testcase[0].name).toBe(
      "the command exits 0: sh -c echo </testsuites> & exit",
    );
  });

  it("escapes attribute values completely", () => {
    expect(escapeAttribute(`<&>"'\t\n\r`)).toBe("&lt;&amp;&gt;&quot;&apos;&#9;&#10;&#13;");
  });
});

describe("secrets in reports", () => {
  // A token and a secret with characters every encoding changes: `/`, `+` and a space.
  const user = "b5a8c7d1e2f3";
  const password = "s3cr3t/9f+8e d6c";
  const credentials = { user, password };
  const basic = `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
  const dataset = "/northwind/datasets/5a4177a2902c";

  const exchange = (url: string, more: Partial<RecordedExchange> = {}): RecordedExchange => ({
    method: "GET",
    url,
    operation: "getDataset",
    status: 200,
    violations: [],
    ...more,
  });

  const dirs: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** What the kit prints and writes for a run: the console, the `--json` and `--junit` files. */
  function reports(exchanges: RecordedExchange[], command = ["pytest", "-q"]): string[] {
    const dir = mkdtempSync(join(tmpdir(), "mode-report-"));
    dirs.push(dir);
    const printed: string[] = [];
    vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      printed.push(args.join(" "));
    });
    const files = { json: join(dir, "run.json"), junit: join(dir, "run.xml") };
    reportRun("contract", run({ exchanges, command }), files);
    vi.restoreAllMocks();
    return [
      printed.join("\n"),
      readFileSync(files.json, "utf8"),
      readFileSync(files.junit, "utf8"),
    ];
  }

  /** Every report shows the marker and none holds any of `hidden`. */
  function expectHidden(exchanges: RecordedExchange[], hidden: string[], command?: string[]): void {
    const all = reports(exchanges, command);
    for (const report of all) {
      expect(report).toContain("[redacted]");
      for (const secret of hidden) expect(report).not.toContain(secret);
    }
  }

  // A violation on every exchange, so the console lists each request with its URL.
  const flagged = {
    status: 400,
    violations: [{ location: "request", code: "x", message: "x", severity: "Error" }],
  };

  it("redacts a secret-named parameter (api_secret)", () => {
    const echoed = {
      status: 400,
      violations: [
        { location: "request", code: "x", message: "`hunter2-abcdef` is odd", severity: "Error" },
      ],
    };
    expectHidden([exchange(`${dataset}?api_secret=hunter2-abcdef`, echoed)], ["hunter2-abcdef"]);
  });

  it("redacts a token parameter, every time it is repeated", () => {
    expectHidden(
      [exchange(`${dataset}?token=tok-0123456789&order=asc&token=tok-9876543210`, flagged)],
      ["tok-0123456789", "tok-9876543210"],
    );
  });

  it("redacts a presigned URL's signature and credential, and nothing else", () => {
    const url = `${dataset}?X-Amz-Date=20240101T000000Z&X-Amz-Credential=AKIAEXAMPLE%2F20240101&X-Amz-Signature=deadbeefcafef00d`;
    expectHidden([exchange(url, flagged)], ["deadbeefcafef00d", "AKIAEXAMPLE"]);
    expect(redactUrl(url)).toBe(
      `${dataset}?X-Amz-Date=20240101T000000Z&X-Amz-Credential=[redacted]&X-Amz-Signature=[redacted]`,
    );
  });

  it("redacts secret names however they are spelt", () => {
    const url = `${dataset}?api_s%65cret=xyz-12345&ApiKey=abc-67890&PASSWORD=pw-24680&sig=sg-13579&access%2B%2574oken=at-11223`;
    expectHidden(
      [exchange(url, flagged)],
      ["xyz-12345", "abc-67890", "pw-24680", "sg-13579", "at-11223"],
    );
  });

  it("redacts the request's own credentials echoed in another parameter", () => {
    expectHidden(
      [
        exchange(`${dataset}?user=${user}&note=${encodeURIComponent(password)}`, {
          ...flagged,
          secrets: { credentials },
        }),
      ],
      [user, password, encodeURIComponent(password)],
    );
  });

  it("redacts the credentials in every encoding", () => {
    const encodings = {
      percent: encodeURIComponent(password),
      lowerPercent: encodeURIComponent(password).toLowerCase(),
      form: new URLSearchParams({ a: password }).toString().slice(2),
      lowerForm: new URLSearchParams({ a: password }).toString().slice(2).toLowerCase(),
      blob: Buffer.from(JSON.stringify({ login: user, password })).toString("base64"),
      twice: encodeURIComponent(encodeURIComponent(password)),
      base64: Buffer.from(`${user}:${password}`).toString("base64"),
      base64url: Buffer.from(`${user}:${password}`).toString("base64url"),
    };
    const query = Object.entries(encodings)
      .map(([name, value]) => `${name}=${value}`)
      .join("&");
    expectHidden(
      [
        exchange(`${dataset}?${query}`, {
          ...flagged,
          secrets: { headers: { authorization: basic } },
        }),
      ],
      [...Object.values(encodings), password, user],
    );
  });

  it("finds the credentials in the Authorization header and secret headers", () => {
    expectHidden(
      [
        exchange(`${dataset}?q=key-5551234&u=${user}&s=sess-998877&c=ck-424242&theme=dark`, {
          ...flagged,
          secrets: {
            headers: {
              Authorization: basic,
              "X-Api-Key": "key-5551234",
              "X-Session": "Bearer sess-998877",
              cookie: "theme=dark; _app_session=ck-424242",
            },
          },
        }),
      ],
      ["key-5551234", user, "sess-998877", "ck-424242"],
    );
    expect(
      redactUrl(`${dataset}?theme=dark`, { headers: { cookie: "theme=dark; sid=ck-1" } }),
    ).toBe(`${dataset}?theme=dark`);
  });

  it("redacts a secret JSON-escaped or in unpadded base64 in a message", () => {
    // Its base64 holds a `/`, so the unpadded form differs from the URL-safe one.
    const quoted = 'pa"ss\\wo?d-77';
    const message = `${JSON.stringify(quoted)} ${Buffer.from(quoted).toString("base64").replace(/=+$/, "")}`;
    expect(message).not.toContain(quoted);
    const reported = redactExchange(
      exchange(dataset, {
        secrets: { credentials: { user, password: quoted } },
        violations: [{ location: "request", code: "x", message, severity: "Error" }],
      }),
    );
    expect(reported.violations[0]?.message).toBe('"[redacted]" [redacted]');
  });

  it("redacts a secret-named value wherever one exchange echoes it", () => {
    const reported = redactExchange(
      exchange(`${dataset}?token=abcd1234&state=abcd1234`, {
        violations: [{ location: "request", code: "x", message: "`abcd1234`", severity: "Error" }],
      }),
    );
    expect(reported.url).toBe(`${dataset}?token=[redacted]&state=[redacted]`);
    expect(reported.violations[0]?.message).toBe("`[redacted]`");
  });

  it("redacts secrets quoted in messages, in the path and in the command line", () => {
    const echoed = exchange(`/northwind/datasets/${user}`, {
      status: 400,
      secrets: { credentials },
      violations: [
        {
          location: "request.query.since",
          code: "calendar-timestamp",
          message: `\`${password}\`, ${encodeURIComponent(password).toLowerCase()}, ${Buffer.from(password).toString("base64")}, ${basic}`,
          severity: "Error",
        },
      ],
    });
    expectHidden(
      [echoed],
      [
        user,
        password,
        encodeURIComponent(password).toLowerCase(),
        Buffer.from(password).toString("base64"),
        basic.slice("Basic ".length),
        // After the user's part: the token is 12 bytes, so its base64 is a prefix of this one.
        basic.slice("Basic ".length + 16),
      ],
      ["curl", "-u", `${user}:${password}`],
    );
  });

  it("redacts in every exchange a secret that one of them carried", () => {
    expectHidden(
      [
        exchange(dataset, { secrets: { credentials } }),
        exchange(`${dataset}/reports?state=${user}`, {
          ...flagged,
          operation: "listReportsForDataset",
        }),
      ],
      [user],
    );
  });

  it("keeps the credentials out of every report", () => {
    const [, json] = reports([
      exchange(dataset, {
        ...flagged,
        secrets: { credentials, headers: { authorization: basic } },
      }),
    ]);
    expect(json).not.toContain("secrets");
    expect(json).not.toContain("credentials");
    expect(json).not.toContain(basic.slice(6));
  });

  it("leaves requests without secrets exactly as sent", () => {
    const url = `/northwind/spaces/8f2c6d1e9b4a/datasets?filter=created_at.gt.2019-10-23T06:23:01Z&order=asc&order_by=created_at&page=2&per_page=30`;
    const exchanges = [exchange(url, { ...flagged, secrets: { credentials } })];
    expect(buildSummary(run({ exchanges })).exchanges[0]?.url).toBe(url);
    for (const report of reports(exchanges)) expect(report).not.toContain("[redacted]");
  });

  it("redacts a short credential only where a whole part of the URL equals it", () => {
    const short = exchange("/northwind/datasets/any?x=any&y=many", {
      status: 400,
      secrets: { credentials: { user: "any", password: "any" } },
      violations: [
        { location: "request", code: "x", message: "any value will do", severity: "Error" },
      ],
    });
    expect(redactExchange(short)).toMatchObject({
      url: "/northwind/datasets/[redacted]?x=[redacted]&y=many",
      violations: [{ message: "any value will do" }],
    });
  });

  it("redacts userinfo, fragments and pairs after a semicolon", () => {
    expect(redactUrl("http://me:pw@127.0.0.1:4010/northwind/datasets/x?a=1")).toBe(
      "http://[redacted]@127.0.0.1:4010/northwind/datasets/x?a=1",
    );
    expect(redactUrl(`${dataset}?a=1;token=abc#access_token=xyz&state=ok`)).toBe(
      `${dataset}?a=1;token=[redacted]#access_token=[redacted]&state=ok`,
    );
  });

  it("tells secret names from the others", () => {
    for (const name of [
      "api_secret",
      "token",
      "X-Amz-Signature",
      "apiKey",
      "Authorization",
      "Cookie",
      "access%5Ftoken",
      "sig",
      "client_credentials",
      "passwd",
    ]) {
      expect(isSecretName(name), name).toBe(true);
    }
    for (const name of [
      "filter",
      "order",
      "order_by",
      "page",
      "per_page",
      "X-Amz-Date",
      "accept",
      "signal",
    ]) {
      expect(isSecretName(name), name).toBe(false);
    }
  });
});
