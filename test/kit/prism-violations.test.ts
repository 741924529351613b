// How the kit reads Prism's reports (header, problem bodies) and summarises them, on answers
// captured from Prism 5.14 serving the bundled spec; the comment above each says which request
// and which mode (mock or proxy, both with --errors) produced it.
import { describe, expect, it } from "vitest";
import { operationMatcher } from "../../kit/prism/operations.js";
import { spec } from "../support/bundled-spec.js";
import {
  formatTable,
  parsePrismProblem,
  parseViolationsHeader,
  summarize,
  violationsOf,
  type Exchange,
} from "../../kit/prism/violations.js";

// Captured from `prism mock --errors` for PATCH with an unwrapped body.
const unwrappedHeader =
  '[{"location":["request","body"],"severity":"Error","code":"required","message":"Request body must have required property \'report\'"},' +
  '{"location":["request","body"],"severity":"Error","code":"additionalProperties","message":"Request body must NOT have additional properties; found \'name\'"}]';
// Captured from `prism proxy --errors` for the same request: no header, a 422 problem.
const proxy422 = JSON.stringify({
  type: "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY",
  title: "Invalid request",
  status: 422,
  detail:
    "Your request is not valid and no HTTP validation response was found in the spec, so Prism is generating this error for you.",
  validation: [
    {
      location: ["body"],
      severity: "Error",
      code: "required",
      message: "Request body must have required property 'report'",
    },
  ],
});

describe("reading Prism's reports", () => {
  it("reads the sl-violations header into location, code and message", () => {
    expect(parseViolationsHeader(unwrappedHeader)).toEqual([
      {
        location: "request.body",
        code: "required",
        message: "Request body must have required property 'report'",
        severity: "Error",
      },
      {
        location: "request.body",
        code: "additionalProperties",
        message: "Request body must NOT have additional properties; found 'name'",
        severity: "Error",
      },
    ]);
  });

  it("keeps a numeric code (401 without credentials) as text", () => {
    const header =
      '[{"location":["request"],"severity":"Error","code":401,"message":"Invalid security scheme used"}]';
    expect(parseViolationsHeader(header)).toEqual([
      {
        location: "request",
        code: "401",
        message: "Invalid security scheme used",
        severity: "Error",
      },
    ]);
  });

  it("reports an unreadable header instead of dropping it", () => {
    expect(parseViolationsHeader("[{not json")).toEqual([
      { location: "response", code: "unreadable", message: "[{not json", severity: "Error" },
    ]);
  });

  it("reads a proxy's 422 validation list, placing it under request", () => {
    expect(parsePrismProblem("application/problem+json", proxy422)).toEqual([
      {
        location: "request.body",
        code: "required",
        message: "Request body must have required property 'report'",
        severity: "Error",
      },
    ]);
  });

  it("turns routing errors into one violation named by Prism's error type", () => {
    const body = JSON.stringify({
      type: "https://stoplight.io/prism/errors#NOT_ACCEPTABLE",
      title: "The server cannot produce a representation for your accept header",
      status: 406,
      detail: "Unable to find content for application/json",
    });
    expect(parsePrismProblem("application/problem+json", body)).toEqual([
      {
        location: "request",
        code: "NOT_ACCEPTABLE",
        message:
          "The server cannot produce a representation for your accept header: Unable to find content for application/json",
        severity: "Error",
      },
    ]);
  });

  it("ignores problem bodies that are not Prism's and bodies that are not problems", () => {
    const foreign = JSON.stringify({ type: "https://example.com/oops", title: "Oops" });
    expect(parsePrismProblem("application/problem+json", foreign)).toEqual([]);
    expect(parsePrismProblem("application/json", proxy422)).toEqual([]);
    expect(parsePrismProblem("application/problem+json", "<html>")).toEqual([]);
  });

  it("prefers the header when both are present, so nothing is counted twice", () => {
    const violations = violationsOf(unwrappedHeader, "application/problem+json", proxy422);
    expect(violations.map((v) => v.code)).toEqual(["required", "additionalProperties"]);
  });
});

describe("summarising exchanges", () => {
  const exchange = (operation: string | null, url: string, codes: string[]): Exchange => ({
    method: "GET",
    url,
    operation,
    status: codes.length ? 400 : 200,
    violations: codes.map((code) => ({
      location: "request.query.filter",
      code,
      message: "bad",
      severity: "Error",
    })),
  });

  it("counts each violation per operation, most frequent first, and skips clean exchanges", () => {
    const rows = summarize([
      exchange("listReportRuns", "/a/reports/r/runs?filter=x", ["pattern"]),
      exchange("listDatasetsForSpace", "/a/spaces/s/datasets?filter=x", ["pattern"]),
      exchange("listDatasetsForSpace", "/a/spaces/s/datasets?filter=y", ["pattern"]),
      exchange("getDataset", "/a/datasets/d", []),
      exchange(null, "/a/nowhere?x=1", ["NO_PATH_MATCHED_ERROR"]),
    ]);
    expect(rows).toEqual([
      {
        operation: "listDatasetsForSpace",
        violation: "request.query.filter (pattern): bad",
        count: 2,
      },
      {
        operation: "(no operation) GET /a/nowhere",
        violation: "request.query.filter (NO_PATH_MATCHED_ERROR): bad",
        count: 1,
      },
      { operation: "listReportRuns", violation: "request.query.filter (pattern): bad", count: 1 },
    ]);
  });

  it("prints aligned columns operation, violation, count and clips very long violations", () => {
    const table = formatTable([
      { operation: "updateDataset", violation: "request.body (required): x", count: 12 },
      { operation: "getDataset", violation: `request (pattern): ${"y".repeat(300)}`, count: 1 },
    ]);
    const lines = table.split("\n");
    expect(lines[0]).toMatch(/^operation\s+violation\s+count$/);
    expect(lines[2]).toMatch(/^updateDataset\s+request\.body \(required\): x\s+12$/);
    expect(lines[3]).toMatch(/^getDataset\s+request \(pattern\): y+…\s+1$/);
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
  });
});

describe("naming the operation of a request", () => {
  const match = operationMatcher(spec);

  it.each([
    ["GET", "/northwind/datasets/5a4177a2902c", "getDataset"],
    ["PATCH", "/northwind/datasets/5a4177a2902c", "updateDataset"],
    ["DELETE", "/northwind/datasets/5a4177a2902c", "deleteDataset"],
    ["GET", "/northwind/datasets/5a4177a2902c/reports?page=2", "listReportsForDataset"],
    [
      "GET",
      "/northwind/spaces/8f2c/datasets?filter=created_at.gt.2019-10-23T06:23:01Z",
      "listDatasetsForSpace",
    ],
    ["GET", "/northwind/data_sources/3c9e/datasets", "listDatasetsForDataSource"],
    ["get", "/northwind/reports/7f3c/runs", "listReportRuns"],
    ["POST", "/northwind/reports/7f3c/runs", "refreshDatasetsInReport"],
  ])("%s %s is %s", (method, path, operationId) => {
    expect(match(method, path)).toBe(operationId);
  });

  it("names nothing for an undocumented method or path", () => {
    expect(match("PUT", "/northwind/datasets/5a4177a2902c")).toBeNull();
    expect(match("GET", "/northwind/datasets")).toBeNull();
    expect(match("GET", "/northwind/datasets/a/b/c")).toBeNull();
  });
});
