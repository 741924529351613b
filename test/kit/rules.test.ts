// The kit's own rules, on top of Prism, as a verdict table: each row is one request alone and
// the exact findings the rules must give it (severity, rule, location), nothing more. Rows
// marked "Prism's job" are wrong requests the rules must stay silent on, because Prism already
// reports them and a second finding would only be noise. No Prism runs here: the rules are pure.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  acceptForPrism,
  canonicalPath,
  checkRequest,
  explainViolation,
  type RequestToCheck,
  rules,
} from "../../kit/rules/index.js";
import { calendarProblem } from "../../kit/rules/calendar-timestamp.js";
import { jsonSyntaxError } from "../../kit/rules/json-syntax.js";
import { indexSpec, pathSegments } from "../../kit/rules/spec-index.js";
import { invalidUtf8At } from "../../kit/rules/utf8.js";
import { type Json, spec } from "../support/bundled-spec.js";

const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

const goodHeaders = {
  authorization: basic("b5a8c7d1e2f3", "s3cr3t-9f8e7d6c"),
  accept: "application/hal+json",
};

const get = (path: string, headers: Record<string, string> = {}): RequestToCheck => ({
  method: "GET",
  path,
  headers: { ...goodHeaders, ...headers },
});

const send = (method: string, path: string, body: unknown): RequestToCheck => ({
  method,
  path,
  headers: { ...goodHeaders, "content-type": "application/json" },
  body: JSON.stringify(body),
});

/** A body sent as raw bytes, as the front layer passes it. */
const bytes = (
  method: string,
  path: string,
  body: Uint8Array | string,
  contentType: string | undefined = "application/json",
): RequestToCheck => ({
  method,
  path,
  headers: { ...goodHeaders, ...(contentType ? { "content-type": contentType } : {}) },
  bodyBytes: typeof body === "string" ? new TextEncoder().encode(body) : body,
});

const withAuth = (authorization: string | undefined): RequestToCheck => ({
  method: "GET",
  path: "/northwind/datasets/5a4177a2902c",
  headers:
    authorization === undefined
      ? { accept: "application/hal+json" }
      : { ...goodHeaders, authorization },
});

const dataset = "/northwind/datasets/5a4177a2902c";
const space = "/northwind/spaces/8f2c6d1e9b4a/datasets";
const dataSource = "/northwind/data_sources/3c9e1f7a2d60/datasets";
const runs = "/northwind/reports/7f3c2a9d41b8/runs";
const dataSources = "/northwind/data_sources";

/** `[name, request, expected findings as "severity rule location"]` */
const table: Array<[string, RequestToCheck, string[]]> = [
  // Good requests: no rule speaks.
  ["a dataset read the documented way", get(dataset), []],
  [
    "a listing with every declared parameter",
    get(
      `${space}?filter=created_at.gt.2019-10-23T06:23:01Z&order=asc&order_by=created_at&page=1&per_page=30`,
    ),
    [],
  ],
  ["a filter with milliseconds", get(`${space}?filter=updated_at.lt.2024-09-02T07:38:43.722Z`), []],
  ["a leap day in a leap year", get(`${dataSource}?filter=created_at.gt.2024-02-29T12:00:00Z`), []],
  [
    "a leap day in a year divisible by 400",
    get(`${runs}?filter=created_at.gt.2000-02-29T00:00:00Z`),
    [],
  ],
  [
    "the last second of a 30-day month",
    get(`${dataSource}?filter=updated_at.lt.2019-04-30T23:59:59Z`),
    [],
  ],
  ["run listing sorted newest first", get(`${runs}?order=desc&order_by=updated_at`), []],
  ["reports of a dataset, page two", get(`${dataset}/reports?page=2&per_page=50`), []],
  ["a token with a dot inside is not a dot segment", get("/northwind/datasets/a%2Eb"), []],
  [
    "no Accept header",
    { method: "GET", path: dataset, headers: { authorization: goodHeaders.authorization } },
    [],
  ],
  ["Accept */*", get(dataset, { accept: "*/*" }), []],
  ["Accept application/*", get(dataset, { accept: "application/*" }), []],
  [
    "HAL first, plain JSON as a fallback",
    get(dataset, { accept: "application/hal+json, application/json;q=0.9" }),
    [],
  ],
  [
    "a delete asking for JSON: it answers no body",
    {
      ...withAuth(goodHeaders.authorization),
      method: "DELETE",
      headers: { ...goodHeaders, accept: "application/json" },
    },
    [],
  ],
  ["a rename", send("PATCH", dataset, { report: { name: "Orders by region" } }), []],
  [
    "a name with spaces around visible text",
    send("PATCH", dataset, { report: { name: "  Orders  " } }),
    [],
  ],
  [
    "clearing the description with an empty string",
    send("PATCH", dataset, { report: { description: "" } }),
    [],
  ],
  [
    "a refresh with token objects",
    send("POST", runs, { report: { dataset_tokens: [{ token: "5a4177a2902c" }] } }),
    [],
  ],
  ["a run with parameters", send("POST", runs, { parameters: { region: "EMEA" } }), []],
  ["a secret containing a colon is not blank", withAuth(basic("b5a8c7d1e2f3", "se:cret")), []],
  ["a data source listing without paging", get(dataSources), []],
  [
    "a JSON body sent as bytes, with a charset",
    bytes("PATCH", dataset, '{"report": {"name": "Orders"}}', "application/json; charset=utf-8"),
    [],
  ],
  ["a JSON body with no Content-Type", bytes("PATCH", dataset, '{"report": {}}', undefined), []],
  [
    "a JSON body with non-ASCII UTF-8",
    bytes("PATCH", dataset, '{"report": {"name": "Umsätze €"}}'),
    [],
  ],
  ["an empty body is Prism's to judge", bytes("POST", runs, ""), []],

  // A trailing slash: the path is read as the operation without it, and warned about.
  [
    "a trailing slash on a listing (Shipyard's blueprints)",
    get(`${runs}/`),
    ["warning trailing-slash request.path"],
  ],
  [
    "a trailing slash on a listing with a query",
    get(`${runs}/?order=desc&order_by=updated_at`),
    ["warning trailing-slash request.path"],
  ],
  ["a trailing slash on one Dataset", get(`${dataset}/`), ["warning trailing-slash request.path"]],

  // Paging parameters on a listing that answers with every item at once.
  [
    "page=1 on data sources (mode-sdk's pager)",
    get(`${dataSources}?page=1`),
    ["warning ignored-paging-parameter request.query.page"],
  ],
  [
    "the pager's second page and page size on data sources",
    get(`${dataSources}?per_page=30&page=2`),
    [
      "warning ignored-paging-parameter request.query.per_page",
      "warning ignored-paging-parameter request.query.page",
    ],
  ],
  [
    "a parameter no listing takes, on data sources",
    get(`${dataSources}?limit=5&page=1`),
    [
      "error unknown-query-parameter request.query.limit",
      "warning ignored-paging-parameter request.query.page",
    ],
  ],

  // Empty values of declared parameters.
  ["empty filter", get(`${space}?filter=`), ["error empty-query-value request.query.filter"]],
  [
    "filter with no = at all",
    get(`${space}?filter`),
    ["error empty-query-value request.query.filter"],
  ],
  ["empty order", get(`${dataSource}?order=`), ["error empty-query-value request.query.order"]],
  ["empty order_by", get(`${runs}?order_by=`), ["error empty-query-value request.query.order_by"]],
  ["empty page", get(`${dataset}/reports?page=`), ["error empty-query-value request.query.page"]],
  [
    "empty per_page",
    get(`${space}?page=1&per_page=`),
    ["error empty-query-value request.query.per_page"],
  ],

  // Days that do not exist, in a filter Prism's pattern accepts.
  [
    "February 31st",
    get(`${space}?filter=created_at.gt.2019-02-31T00:00:00Z`),
    ["error calendar-timestamp request.query.filter"],
  ],
  [
    "February 29th of a common year",
    get(`${runs}?filter=updated_at.lt.2023-02-29T10:00:00Z`),
    ["error calendar-timestamp request.query.filter"],
  ],
  [
    "February 29th of 1900, not a leap year",
    get(`${dataSource}?filter=created_at.gt.1900-02-29T00:00:00.5Z`),
    ["error calendar-timestamp request.query.filter"],
  ],
  [
    "April 31st",
    get(`${space}?filter=created_at.lt.2024-04-31T08:00:00Z`),
    ["error calendar-timestamp request.query.filter"],
  ],

  // Parameters the operation does not declare.
  [
    "orderby, misspelt",
    get(`${space}?orderby=created_at`),
    ["error unknown-query-parameter request.query.orderby"],
  ],
  [
    "page on an operation that does not page",
    get(`${dataset}?page=1`),
    ["error unknown-query-parameter request.query.page"],
  ],
  [
    "a parameter seen only in Mode's link templates",
    get(`${dataset}?embed[result]=1`),
    ["error unknown-query-parameter request.query.embed[result]"],
  ],
  [
    "a made-up parameter twice is one finding",
    get(`${runs}?limit=5&limit=6`),
    ["error unknown-query-parameter request.query.limit"],
  ],

  // Basic credentials read from unset variables.
  [
    "empty token and secret (Basic Og==)",
    withAuth("Basic Og=="),
    ["error blank-basic-credentials request.header.authorization"],
  ],
  [
    "empty token",
    withAuth(basic("", "s3cr3t")),
    ["error blank-basic-credentials request.header.authorization"],
  ],
  [
    "empty secret",
    withAuth(basic("b5a8c7d1e2f3", "")),
    ["error blank-basic-credentials request.header.authorization"],
  ],
  [
    "token and secret of spaces",
    withAuth(basic("  ", " ")),
    ["error blank-basic-credentials request.header.authorization"],
  ],
  [
    "the scheme in lower case",
    withAuth("basic Og=="),
    ["error blank-basic-credentials request.header.authorization"],
  ],

  // Unfilled placeholders and dot segments in the path.
  [
    "percent-encoded {dataset}",
    get("/northwind/datasets/%7Bdataset%7D"),
    ["error unfilled-path-placeholder request.path.dataset"],
  ],
  [
    "raw {dataset}",
    get("/northwind/datasets/{dataset}/reports"),
    ["error unfilled-path-placeholder request.path.dataset"],
  ],
  [
    "lower-case escapes in {account}",
    get("/%7baccount%7d/spaces/8f2c6d1e9b4a/datasets"),
    ["error unfilled-path-placeholder request.path.account"],
  ],
  [
    "a raw .. as the token",
    get("/northwind/datasets/.."),
    ["error dot-path-segment request.path.dataset"],
  ],
  [
    "an encoded . as the token",
    get("/northwind/datasets/%2e/reports"),
    ["error dot-path-segment request.path.dataset"],
  ],
  [
    "an encoded .. in mixed case",
    get("/northwind/datasets/%2E%2e"),
    ["error dot-path-segment request.path.dataset"],
  ],
  [
    "a dot segment on no operation's path",
    get("/northwind/./datasets/5a4177a2902c"),
    ["error dot-path-segment request.path"],
  ],

  // Bodies that are not JSON, or not UTF-8, where the operation takes JSON.
  [
    "a trailing comma",
    bytes("PATCH", dataset, '{"report": {"name": "x",}}'),
    ["error json-body request.body"],
  ],
  [
    "a body cut short",
    bytes("POST", runs, '{"parameters": {"region": "EMEA"'),
    ["error json-body request.body"],
  ],
  [
    "form data sent as JSON",
    bytes("PATCH", dataset, "report[name]=Orders"),
    ["error json-body request.body"],
  ],
  ["only spaces", bytes("POST", runs, "   "), ["error json-body request.body"]],
  [
    "Latin-1 bytes in a JSON body",
    bytes(
      "PATCH",
      dataset,
      Uint8Array.from([...Buffer.from('{"report": {"name": "Ums'), 0xe4, ...Buffer.from('tze"}}')]),
    ),
    ["error json-body request.body"],
  ],
  [
    "a byte order mark",
    bytes("PATCH", dataset, `\uFEFF{"report": {"name": "Orders"}}`),
    ["error json-body request.body"],
  ],
  [
    "a bad body under a +json type",
    bytes("POST", runs, "{", "application/vnd.api+json"),
    ["error json-body request.body"],
  ],
  [
    "Prism's job: a body of another media type",
    bytes("PATCH", dataset, "name=Orders", "application/x-www-form-urlencoded"),
    [],
  ],
  ["Prism's job: a body on an operation that takes none", bytes("GET", dataset, "{"), []],

  // Blank names.
  [
    "a name of spaces",
    send("PATCH", dataset, { report: { name: "   " } }),
    ["error blank-name request.body.report.name"],
  ],
  [
    "a name of a tab and a newline",
    send("PATCH", dataset, { report: { name: "\t\n", description: "x" } }),
    ["error blank-name request.body.report.name"],
  ],

  // Plain JSON asked for where HAL is documented: a warning, not an error.
  [
    "Accept application/json",
    get(dataset, { accept: "application/json" }),
    ["warning accept-json-for-hal request.header.accept"],
  ],
  [
    "Accept application/json on a listing",
    get(runs, { accept: "application/json, text/plain" }),
    ["warning accept-json-for-hal request.header.accept"],
  ],
  [
    "HAL refused outright, JSON asked for",
    get(space, { accept: "application/hal+json;q=0, application/json" }),
    ["warning accept-json-for-hal request.header.accept"],
  ],
  [
    "an update asking for JSON",
    {
      ...send("PATCH", dataset, { report: { name: "Orders" } }),
      headers: { ...goodHeaders, accept: "application/json", "content-type": "application/json" },
    },
    ["warning accept-json-for-hal request.header.accept"],
  ],

  // Prism's job: wrong, but Prism reports these itself.
  [
    "Prism's job: a filter on a field Mode does not filter by",
    get(`${space}?filter=name.gt.2019-10-23T06:23:01Z`),
    [],
  ],
  [
    "Prism's job: a filter with a date and no time",
    get(`${space}?filter=created_at.gt.2019-02-31`),
    [],
  ],
  ["Prism's job: an order outside the enum", get(`${space}?order=sideways`), []],
  ["Prism's job: per_page of zero", get(`${space}?per_page=0`), []],
  ["Prism's job: no credentials", withAuth(undefined), []],
  ["Prism's job: a Bearer token", withAuth("Bearer b5a8c7d1e2f3"), []],
  [
    "Prism's job: Basic without a colon",
    withAuth(`Basic ${Buffer.from("b5a8c7d1e2f3").toString("base64")}`),
    [],
  ],
  ["Prism's job: an unwrapped update body", send("PATCH", dataset, { name: "   " }), []],
  ["Prism's job: an empty name", send("PATCH", dataset, { report: { name: "" } }), []],
  [
    "Prism's job: bare-string dataset tokens",
    send("POST", runs, { report: { dataset_tokens: ["5a4177a2902c"] } }),
    [],
  ],
  ["Prism's job: Accept text/html (406)", get(dataset, { accept: "text/html" }), []],
  ["Prism's job: a path no operation has", get("/northwind/widgets"), []],
  ["Prism's job: a method the path does not have", { ...get(dataset), method: "PUT" }, []],
];

const verdict = (request: RequestToCheck): string[] =>
  checkRequest(request, spec).map((f) => `${f.severity} ${f.rule} ${f.location}`);

describe("the kit's rules on one request at a time", () => {
  it.each(table)("%s", (_name, request, expected) => {
    expect(verdict(request)).toEqual(expected);
  });

  it("holds at least 40 rows and exercises every rule", () => {
    expect(table.length).toBeGreaterThanOrEqual(40);
    const exercised = new Set(
      table.flatMap(([, , expected]) => expected.map((e) => e.split(" ")[1])),
    );
    expect([...exercised].sort()).toEqual(rules.map((r) => r.id).sort());
  });

  it("lists every rule with its severity in the README", () => {
    const readme = readFileSync(new URL("../../kit/rules/README.md", import.meta.url), "utf8");
    for (const rule of rules) expect(readme).toContain(`\`${rule.id}\` (${rule.severity})`);
  });
});

describe("what the findings say", () => {
  it("suggests the declared name a misspelt parameter meant", () => {
    const [finding] = checkRequest(get(`${space}?orderby=created_at`), spec);
    expect(finding?.message).toContain("did you mean `order_by`?");
  });

  it("names the missing day", () => {
    expect(calendarProblem("2019-02-31T00:00:00")).toBe(
      "2019-02 has 28 days, so day 31 does not exist",
    );
    expect(calendarProblem("2019-13-01")).toBe("month 13 does not exist");
    expect(calendarProblem("2024-02-29T23:59:59")).toBeUndefined();
  });

  it("reads a query given apart from the path, as a string or parsed", () => {
    const apart = { ...get(space), query: "?orderby=created_at" };
    const parsed = { ...get(space), query: new URLSearchParams({ filter: "" }) };
    expect(verdict(apart)).toEqual(["error unknown-query-parameter request.query.orderby"]);
    expect(verdict(parsed)).toEqual(["error empty-query-value request.query.filter"]);
  });

  it("reads fetch Headers as well as Node's header records", () => {
    const headers = new Headers({ Authorization: "Basic Og==", Accept: "application/hal+json" });
    expect(verdict({ method: "get", path: dataset, headers })).toEqual([
      "error blank-basic-credentials request.header.authorization",
    ]);
  });
});

describe("the Accept header forwarded to Prism", () => {
  it("adds the documented type where the rule only warns, so Prism answers instead of 406", () => {
    expect(acceptForPrism(get(dataset, { accept: "application/json" }), spec)).toBe(
      "application/json, application/hal+json",
    );
  });

  it("leaves every other Accept alone", () => {
    for (const accept of ["application/hal+json", "*/*", "text/html"]) {
      expect(acceptForPrism(get(dataset, { accept }), spec)).toBeUndefined();
    }
    expect(acceptForPrism({ method: "GET", path: dataset }, spec)).toBeUndefined();
  });
});

describe("rules read the spec they are given", () => {
  // A copy of the bundled spec grown the way the spec grows: a new parameter, a new operation
  // with a new body, an operation that needs no credentials.
  const grown = (): Json => {
    const copy: Json = structuredClone(spec);
    copy.paths["/{account}/datasets/{dataset}"].get.parameters = [
      { name: "embed[result]", in: "query", schema: { type: "string" } },
    ];
    copy.paths["/{account}/widgets/{widget}"] = {
      put: {
        operationId: "putWidget",
        security: [],
        parameters: [
          { name: "account", in: "path", required: true, schema: { type: "string" } },
          { name: "widget", in: "path", required: true, schema: { type: "string" } },
          { name: "since", in: "query", schema: { type: "string", format: "date" } },
        ],
        requestBody: {
          content: {
            "application/json": {
              schema: {
                oneOf: [
                  {
                    type: "object",
                    properties: { widget: { $ref: "#/components/schemas/Widget" } },
                  },
                  {
                    type: "object",
                    properties: {
                      parts: { type: "array", items: { $ref: "#/components/schemas/Widget" } },
                    },
                  },
                ],
              },
            },
          },
        },
        responses: { "200": { description: "ok", content: { "application/vnd.widget+json": {} } } },
      },
    };
    copy.components.schemas.Widget = {
      type: "object",
      properties: { display_name: { type: "string" } },
    };
    return copy;
  };

  it("accepts a parameter once the spec declares it", () => {
    expect(checkRequest(get(`${dataset}?embed[result]=1`), grown())).toEqual([]);
  });

  it("finds names, dates and media types on an operation it has never seen", () => {
    const request: RequestToCheck = {
      method: "PUT",
      path: "/northwind/widgets/%7Bwidget%7D?since=2021-06-31&color=red",
      headers: {
        authorization: "Basic Og==",
        accept: "application/json",
        "content-type": "application/json",
      },
      body: JSON.stringify({ parts: [{ display_name: "ok" }, { display_name: " " }] }),
    };
    expect(
      checkRequest(request, grown()).map((f) => `${f.severity} ${f.rule} ${f.location}`),
    ).toEqual([
      "error unfilled-path-placeholder request.path.widget",
      "error unknown-query-parameter request.query.color",
      "error calendar-timestamp request.query.since",
      "error blank-name request.body.parts.1.display_name",
      "warning accept-json-for-hal request.header.accept",
    ]);
  });
});

describe("dot segments in any spelling", () => {
  // Each spelling as the dataset token: every one is refused, with a finding that says so.
  const spellings: Array<[string, string]> = [
    ["raw ..", ".."],
    ["raw .", "."],
    ["encoded ..", "%2e%2e"],
    ["encoded .. in upper case", "%2E%2E"],
    ["half encoded, dot first", ".%2e"],
    ["half encoded, escape first", "%2E."],
    ["encoded .", "%2e"],
    ["backslashes around ..", "x\\..\\reports"],
    ["encoded backslashes around ..", "x%5c..%5creports"],
    ["encoded backslashes around encoded ..", "x%5C%2e%2E%5Creports"],
    ["encoded slashes around ..", "x%2f..%2freports"],
    ["encoded twice", "%252e%252e"],
    ["encoded twice, one dot raw", ".%252e"],
    ["encoded three times", "%25252e%25252e"],
    ["overlong UTF-8", "%c0%ae%c0%ae"],
    ["IIS's %u escape", "%u002e%u002e"],
    ["a ;param after ..", "..;jsessionid=1"],
    ["a trailing backslash after ..", "..\\"],
  ];

  it.each(spellings)("refuses %s (%s)", (_name, token) => {
    const findings = checkRequest(get(`/northwind/datasets/${token}`), spec);
    expect(findings.map((f) => `${f.severity} ${f.rule} ${f.location}`)).toEqual([
      "error dot-path-segment request.path.dataset",
    ]);
    expect(findings[0]?.refuse).toBe(true);
    expect(findings[0]?.message).toContain(`\`${token}\``);
  });

  it.each([
    ["a dot inside a token", "a.b"],
    ["an encoded dot inside a token", "a%2Eb"],
    ["three dots", "..."],
    ["dots with a letter", "..a"],
    ["an encoded percent sign before a letter", "%25zz"],
    ["a malformed escape", "%zz"],
  ])("lets %s through (%s)", (_name, token) => {
    expect(verdict(get(`/northwind/datasets/${token}`))).toEqual([]);
  });

  it("names the spelling and how many decodings revealed it", () => {
    const [finding] = checkRequest(get("/northwind/datasets/%252e%252e"), spec);
    expect(finding?.message).toContain(
      "`%252e%252e`, which holds the dot segment `..` once decoded twice",
    );
  });

  it("marks no other rule's findings as refused", () => {
    const findings = [
      ...checkRequest(get(`${space}?orderby=x`), spec),
      ...checkRequest(get(`${runs}/`), spec),
      ...checkRequest(bytes("POST", runs, "{"), spec),
    ];
    expect(findings).toHaveLength(3);
    for (const finding of findings) expect(finding.refuse).toBeUndefined();
  });
});

describe("the canonical path of a request with a trailing slash", () => {
  it("drops the slash where the path without it is an operation, with the warning", () => {
    const { path, finding } = canonicalPath("GET", `${runs}/?order=desc`, spec);
    expect(path).toBe(`${runs}?order=desc`);
    expect(finding).toMatchObject({ rule: "trailing-slash", severity: "warning" });
    expect(finding?.message).toContain("listReportRuns");
    expect(finding?.message).toContain("drop the trailing slash");
  });

  it("gives the same finding checkRequest gives", () => {
    const { finding } = canonicalPath("GET", `${runs}/`, spec);
    expect(checkRequest(get(`${runs}/`), spec)).toEqual([finding]);
  });

  it("leaves every other path as it is", () => {
    for (const [method, path] of [
      ["GET", runs],
      ["GET", `${runs}?page=2`],
      ["GET", "/northwind/widgets/"],
      ["PUT", `${dataset}/`],
      ["GET", `${runs}//`],
      ["GET", "/"],
    ] as const) {
      expect(canonicalPath(method, path, spec)).toEqual({ path });
    }
  });

  it("reads …/runs/ as the listing, never as one run with an empty token", () => {
    const index = indexSpec(spec);
    expect(index.match("GET", pathSegments(`${runs}/`))?.id).toBe("listReportRuns");
    expect(index.match("GET", pathSegments(`${runs}/a1f3c5e7d902`))?.id).toBe("getReportRun");
    expect(index.match("GET", [...pathSegments(runs), ""])).toBeUndefined();
  });

  it("knows the listings from the spec's answers", () => {
    const listings = indexSpec(spec)
      .operations.filter((o) => o.listing)
      .map((o) => o.id)
      .sort();
    expect(listings).toContain("listDataSources");
    expect(listings).toContain("listReportRuns");
    expect(listings).not.toContain("getDataset");
    expect(listings).not.toContain("refreshDatasetsInReport");
  });
});

describe("explanations in words, never as a regular expression", () => {
  // What a regular expression looks like in a message: anchors, classes, escapes, quantifiers.
  const REGEX_TEXT = /\^\(|\[\^|\\[.dswb]|\[0-9\]|\{\d+(,\d*)?\}|\)\?|\|\w+\)|\$"/;

  const prismPattern = (location: string) => ({
    location,
    code: "pattern",
    message: `Request ${location} must match pattern "^(created_at|updated_at)\\.(gt|lt)\\.[0-9]{4}-…$"`,
    severity: "Error",
  });

  it("the test's detector sees Prism's pattern message", () => {
    expect(prismPattern("request.query.filter").message).toMatch(REGEX_TEXT);
  });

  it("no rule's message holds one", () => {
    const messages = table.flatMap(([, request]) =>
      checkRequest(request, spec).map((f) => f.message),
    );
    expect(messages.length).toBeGreaterThan(40);
    for (const message of messages) expect(message).not.toMatch(REGEX_TEXT);
  });

  it.each([
    [
      "a field and operator Mode does not filter by",
      "name.eq.Orders",
      "its field `name`, operator `eq` and timestamp `Orders` are not ones it takes",
    ],
    [
      "an operator spelt out",
      "created_at.gte.2024-01-01T00:00:00Z",
      "its operator `gte` is not one it takes",
    ],
    [
      "a date without a time",
      "created_at.gt.2024-01-01",
      "its timestamp `2024-01-01` is not one it takes",
    ],
    ["a bare field", "created_at", "it is not written `{field}.{operator}.{timestamp}`"],
  ])("says what is wrong with a filter: %s", (_name, filter, wrong) => {
    const request = get(`${space}?filter=${filter}`);
    const explained = explainViolation(prismPattern("request.query.filter"), request, spec);
    expect(explained.message).toBe(
      `\`filter\` is \`${filter}\`: ${wrong}. Write \`{field}.{operator}.{timestamp}\` with field \`created_at\` or \`updated_at\`, operator \`gt\` or \`lt\`, timestamp like \`2019-10-23T06:23:01Z\`; for example \`created_at.gt.2019-10-23T06:23:01Z\`.`,
    );
    expect(explained.message).not.toMatch(REGEX_TEXT);
    expect(explained).toMatchObject({ location: "request.query.filter", code: "pattern" });
  });

  it("names the characters a token may not hold", () => {
    const explained = explainViolation(
      prismPattern("request.path.dataset"),
      get("/northwind/datasets/a%3Fb"),
      spec,
    );
    expect(explained.message).toMatch(
      /^`dataset` is `a\?b`: it must not be empty or contain `\/`, `\?` or `#`\. The Dataset's token/,
    );
    expect(explained.message).toContain("For example `5a4177a2902c`.");
    expect(explained.message).not.toMatch(REGEX_TEXT);
  });

  it("leaves every other violation as Prism wrote it", () => {
    const other = {
      location: "request.query.order",
      code: "enum",
      message: "must be equal to one of the allowed values: asc, desc",
    };
    expect(explainViolation(other, get(`${space}?order=up`), spec)).toBe(other);
    const unknown = prismPattern("request.query.nothing");
    expect(explainViolation(unknown, get(`${space}?nothing=1`), spec)).toBe(unknown);
  });
});

describe("where a body stops being UTF-8 or JSON", () => {
  it.each([
    ["a lone continuation byte", [0x41, 0x80], 1],
    ["an overlong slash", [0x41, 0xc0, 0xaf], 1],
    ["a surrogate", [0x41, 0x42, 0xed, 0xa0, 0x80], 2],
    ["past U+10FFFF", [0xf4, 0x90, 0x80, 0x80], 0],
    ["a character cut short", [0x41, 0xe2, 0x82], 1],
    ["Latin-1 ä", [0x7b, 0xe4, 0x7d], 1],
  ])("%s", (_name, input, at) => {
    expect(invalidUtf8At(Uint8Array.from(input))).toBe(at);
  });

  it("accepts UTF-8 up to four bytes a character", () => {
    expect(invalidUtf8At(new TextEncoder().encode("aä€😀"))).toBe(-1);
  });

  it.each([
    ['{"a": 1,}', 8, "a property name"],
    ['{"a" 1}', 5, "`:`"],
    ["[1 2]", 3, "`,` or `]`"],
    ['{"a": tru}', 6, "a value"],
    ['"open', 0, "a string closed"],
    ["{} {}", 3, "the end of the body after the JSON value"],
    ['{"a": [1, 2}', 11, "`,` or `]`"],
    ['{"a": "\\x"}', 7, "an escape"],
    ["", 0, "not the end of the body"],
  ])("finds where %s goes wrong", (text, at, expected) => {
    expect(() => JSON.parse(text)).toThrow();
    const error = jsonSyntaxError(text);
    expect(error?.at).toBe(at);
    expect(error?.expected).toContain(expected);
  });

  it("finds nothing wrong in JSON, however deeply nested", () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    for (const text of ['{"a": [1, -2.5e3, true, false, null, "\\u00e9\\n"]}', " 0 ", deep]) {
      expect(jsonSyntaxError(text)).toBeUndefined();
    }
  });

  it("names the byte and line in the finding, and quotes nothing from the body", () => {
    const body = '{\n  "report": {"name": "s3cr3t-9f8e7d6c",}\n}';
    const [finding] = checkRequest(bytes("PATCH", dataset, body), spec);
    expect(finding?.message).toBe(
      "The body is not valid JSON: at byte 41 (line 2, column 40) JSON expects a property name in double quotes. Send the JSON body the operation documents.",
    );
    const [notUtf8] = checkRequest(
      bytes("PATCH", dataset, Uint8Array.from([0x7b, 0x0a, 0xff, 0x7d])),
      spec,
    );
    expect(notUtf8?.message).toContain("The body is not UTF-8: byte 2 (0xff)");
    const [bom] = checkRequest(bytes("PATCH", dataset, '\uFEFF{"report": {}}'), spec);
    expect(bom?.message).toContain("starts with a byte order mark");
  });
});
