// What `--junit` and `--json` write, from recorded exchanges: one case per operation and kind of
// violation, the verdict and exit code, and JUnit XML that any parser reads back whatever the
// messages hold.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import {
  buildSummary,
  escapeAttribute,
  type RecordedExchange,
  type RunInput,
  toJsonSummary,
  toJunitXml,
} from "../../kit/report/index.js";

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
