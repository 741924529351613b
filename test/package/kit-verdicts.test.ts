// The contract kit as another team meets it: the packed tarball installed in a fresh folder with
// Prism beside it, and `mode-datasets contract` judging a client that sends the requests of the
// table below. The verdicts are read per request from the --json report: each request's account
// (or, where the account is the point, its dataset) is unique to its row, so the row's exchange
// is found by its path and judged alone, though one mock serves the whole table.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installTarball, packCleanClone } from "./pack-clean-clone.js";

interface Row {
  name: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** A body sent as these bytes exactly, with Content-Type: application/json. */
  rawBody?: number[];
  /** Codes (Prism's keyword or status, or the kit's rule id) that must be among its errors. */
  errors?: string[];
  /** The URL the report shows, when it hides part of `path` (a secret). */
  reported?: string;
  /** Rule ids that must be among its warnings (and no error). */
  warnings?: string[];
}

const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
const good = basic("example-token", "example-secret");
const querySecret = "verdict-query-secret";
const dataset = "5a4177a2902c";
const space = "8f2c6d1e9b4a";
const dataSource = "3e7b1d9c2a5f";
const report = "7f3c2a9d41b8";

// Paths without the account: each row's account is `r<row number>`, added below.
const table: Row[] = [
  // Requests a correct client sends: no error, no warning.
  { name: "gets a Dataset", method: "GET", path: `/datasets/${dataset}` },
  { name: "lists a Collection's Datasets", method: "GET", path: `/spaces/${space}/datasets` },
  {
    name: "filters on a leap day",
    method: "GET",
    path: `/spaces/${space}/datasets?filter=created_at.gt.2024-02-29T00:00:00Z`,
  },
  {
    name: "filters with milliseconds",
    method: "GET",
    path: `/data_sources/${dataSource}/datasets?filter=updated_at.lt.2024-06-30T12:00:00.000Z`,
  },
  {
    name: "orders a listing",
    method: "GET",
    path: `/spaces/${space}/datasets?order_by=created_at&order=asc`,
  },
  { name: "pages a listing", method: "GET", path: `/spaces/${space}/datasets?page=2&per_page=100` },
  { name: "lists a Dataset's reports", method: "GET", path: `/datasets/${dataset}/reports` },
  { name: "lists a report's runs", method: "GET", path: `/reports/${report}/runs` },
  {
    name: "lists a report's runs with a trailing slash",
    method: "GET",
    path: `/reports/${report}/runs/`,
    warnings: ["trailing-slash"],
  },
  {
    name: "renames a Dataset",
    method: "PATCH",
    path: `/datasets/${dataset}`,
    body: { report: { name: "Orders by region (EU)" } },
  },
  {
    name: "refreshes Datasets in a report",
    method: "POST",
    path: `/reports/${report}/runs`,
    body: { report: { dataset_tokens: [{ token: dataset }] } },
  },
  {
    name: "runs a report with parameters",
    method: "POST",
    path: `/reports/${report}/runs`,
    body: { parameters: { region: "EU" } },
  },
  { name: "runs a report with an empty body", method: "POST", path: `/reports/${report}/runs` },
  { name: "deletes a Dataset", method: "DELETE", path: `/datasets/${dataset}` },
  {
    name: "accepts anything",
    method: "GET",
    path: `/datasets/${dataset}`,
    headers: { Accept: "*/*" },
  },
  // Breaks the documented contract: errors.
  {
    name: "sends an empty filter",
    method: "GET",
    path: `/spaces/${space}/datasets?filter=`,
    errors: ["empty-query-value"],
  },
  {
    name: "sends an empty order",
    method: "GET",
    path: `/spaces/${space}/datasets?order=`,
    errors: ["empty-query-value"],
  },
  {
    name: "sends an empty order_by",
    method: "GET",
    path: `/spaces/${space}/datasets?order_by=`,
    errors: ["empty-query-value"],
  },
  {
    name: "sends an empty page",
    method: "GET",
    path: `/spaces/${space}/datasets?page=`,
    errors: ["empty-query-value"],
  },
  {
    name: "sends an empty per_page",
    method: "GET",
    path: `/spaces/${space}/datasets?per_page=`,
    errors: ["empty-query-value"],
  },
  {
    name: "filters on February 31",
    method: "GET",
    path: `/spaces/${space}/datasets?filter=created_at.gt.2019-02-31T00:00:00Z`,
    errors: ["calendar-timestamp"],
  },
  {
    name: "filters on February 29 of a common year",
    method: "GET",
    path: `/spaces/${space}/datasets?filter=created_at.gt.2023-02-29T00:00:00Z`,
    errors: ["calendar-timestamp"],
  },
  {
    name: "misspells order_by",
    method: "GET",
    path: `/spaces/${space}/datasets?orderby=created_at`,
    errors: ["unknown-query-parameter"],
  },
  {
    name: "sends a parameter Mode does not have",
    method: "GET",
    path: `/datasets/${dataset}/reports?sort=asc`,
    errors: ["unknown-query-parameter"],
  },
  {
    name: "sends an empty token and secret",
    method: "GET",
    path: `/datasets/${dataset}`,
    headers: { Authorization: "Basic Og==" },
    errors: ["blank-basic-credentials"],
  },
  {
    name: "sends an empty secret",
    method: "GET",
    path: `/datasets/${dataset}`,
    headers: { Authorization: basic("example-token", "") },
    errors: ["blank-basic-credentials"],
  },
  {
    name: "sends an empty token",
    method: "GET",
    path: `/datasets/${dataset}`,
    headers: { Authorization: basic("", "example-secret") },
    errors: ["blank-basic-credentials"],
  },
  {
    name: "leaves the dataset placeholder unfilled",
    method: "GET",
    path: "/datasets/%7Bdataset%7D",
    errors: ["unfilled-path-placeholder"],
  },
  {
    name: "leaves a lower-case encoded placeholder unfilled",
    method: "DELETE",
    path: "/datasets/%7bdataset%7d",
    errors: ["unfilled-path-placeholder"],
  },
  {
    name: "sends .. as the dataset",
    method: "DELETE",
    path: "/datasets/..",
    errors: ["dot-path-segment"],
  },
  {
    name: "sends an encoded .. as the dataset",
    method: "GET",
    path: "/datasets/%2e%2e",
    errors: ["dot-path-segment"],
  },
  {
    name: "climbs out with backslashes",
    method: "GET",
    path: `/datasets\\..\\${dataset}`,
    errors: ["dot-path-segment"],
  },
  {
    name: "climbs out with a half-encoded ..",
    method: "DELETE",
    path: `/datasets/.%2e/${dataset}`,
    errors: ["dot-path-segment"],
  },
  {
    name: "sends its API secret in the query",
    method: "GET",
    path: `/datasets/${dataset}?api_secret=${querySecret}`,
    reported: `/datasets/${dataset}?api_secret=[redacted]`,
    errors: ["unknown-query-parameter"],
  },
  {
    name: "renames with a body that is not JSON",
    method: "PATCH",
    path: `/datasets/${dataset}`,
    rawBody: [...Buffer.from("report[name]=Orders")],
    errors: ["json-body"],
  },
  {
    name: "renames with a body that is not UTF-8",
    method: "PATCH",
    path: `/datasets/${dataset}`,
    rawBody: [...Buffer.from('{"report":{"name":"Caf'), 0xe9, ...Buffer.from('"}}')],
    errors: ["json-body"],
  },
  {
    name: "renames a Dataset to spaces only",
    method: "PATCH",
    path: `/datasets/${dataset}`,
    body: { report: { name: "   " } },
    errors: ["blank-name"],
  },
  {
    name: "sends no credentials",
    method: "GET",
    path: `/datasets/${dataset}`,
    headers: { Authorization: "" },
    errors: ["401"],
  },
  {
    name: "sends a bearer token",
    method: "GET",
    path: `/datasets/${dataset}`,
    headers: { Authorization: "Bearer example-token" },
    errors: ["401"],
  },
  {
    name: "filters on a field Mode does not filter",
    method: "GET",
    path: `/spaces/${space}/datasets?filter=name.eq.Orders`,
    errors: ["pattern"],
  },
  {
    name: "sends per_page above 1000",
    method: "GET",
    path: `/spaces/${space}/datasets?per_page=1001`,
    errors: ["maximum"],
  },
  {
    name: "orders in a direction Mode does not know",
    method: "GET",
    path: `/spaces/${space}/datasets?order=up`,
    errors: ["enum"],
  },
  {
    name: "renames without the report wrapper",
    method: "PATCH",
    path: `/datasets/${dataset}`,
    body: { name: "Orders" },
    errors: ["required"],
  },
  {
    name: "refreshes with bare string tokens",
    method: "POST",
    path: `/reports/${report}/runs`,
    body: { report: { dataset_tokens: [dataset] } },
    errors: ["type"],
  },
  {
    name: "mixes a refresh and a run with parameters",
    method: "POST",
    path: `/reports/${report}/runs`,
    body: { report: { dataset_tokens: [{ token: dataset }] }, parameters: { region: "EU" } },
    errors: ["oneOf"],
  },
  {
    name: "calls a path the API does not have",
    method: "GET",
    path: "/datasets",
    errors: ["NO_PATH_MATCHED_ERROR"],
  },
  // Departs from documented practice where Mode is not known to refuse it: a warning.
  {
    name: "accepts plain JSON",
    method: "GET",
    path: `/datasets/${dataset}`,
    headers: { Accept: "application/json" },
    warnings: ["accept-json-for-hal"],
  },
  {
    name: "accepts plain JSON for a listing",
    method: "GET",
    path: `/spaces/${space}/datasets`,
    headers: { Accept: "application/json" },
    warnings: ["accept-json-for-hal"],
  },
];

const rows: Row[] = table.map((row, index) => ({
  ...row,
  path: `/r${index + 1}${row.path}`,
  ...(row.reported ? { reported: `/r${index + 1}${row.reported}` } : {}),
}));

// The client: one request per row, in order, sent raw (node:http keeps `..` and `%7B` as they
// are, where fetch would normalise them), with Basic credentials unless the row sets its own.
const client = `
import { request } from "node:http";
import { readFileSync } from "node:fs";
const rows = JSON.parse(readFileSync(process.argv[2], "utf8"));
const base = new URL(process.env.MODE_BASE_URL);
for (const row of rows) {
  const headers = { Authorization: ${JSON.stringify(good)}, Accept: "application/hal+json", ...row.headers };
  if (headers.Authorization === "") delete headers.Authorization;
  const body = row.rawBody !== undefined ? Buffer.from(row.rawBody) : row.body === undefined ? undefined : JSON.stringify(row.body);
  if (body !== undefined) headers["Content-Type"] = "application/json";
  await new Promise((resolve, reject) => {
    const req = request({ host: base.hostname, port: base.port, method: row.method, path: row.path, headers }, (res) => {
      res.resume();
      res.on("end", resolve);
    });
    req.on("error", reject);
    req.end(body);
  });
}
`;

interface ReportedExchange {
  method: string;
  url: string;
  status: number;
  violations: { code: string; severity: string; message: string }[];
}

let workspace: string;
let tarball: string;
let exitCode: number | null;
let output: string;
let exchanges: ReportedExchange[];
let junit: string;

beforeAll(() => {
  ({ workspace, tarball } = packCleanClone());
  const project = join(workspace, "python-team");
  // Prism beside the package, as `npx -p mode-datasets -p @stoplight/prism-cli` or a
  // devDependency would put it; the client itself needs only Node.
  installTarball(tarball, project, ["openapi-fetch", "openapi-typescript-helpers", "@stoplight"]);
  writeFileSync(join(project, "client.mjs"), client);
  writeFileSync(join(project, "rows.json"), JSON.stringify(rows));
  const cli = join(project, "node_modules", "mode-datasets", "dist", "kit", "cli.js");
  const run = spawnSync(
    process.execPath,
    [
      cli,
      "contract",
      "--json",
      "report.json",
      "--junit",
      "junit.xml",
      "--",
      "node",
      "client.mjs",
      "rows.json",
    ],
    { cwd: project, encoding: "utf8", timeout: 120_000 },
  );
  exitCode = run.status;
  output = `${run.stdout}${run.stderr}`;
  exchanges = JSON.parse(readFileSync(join(project, "report.json"), "utf8")).exchanges;
  junit = readFileSync(join(project, "junit.xml"), "utf8");
}, 240_000);

afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe("mode-datasets contract from the packed tarball", () => {
  it("judges every request of the table, and fails the run for the broken ones", () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(exchanges, output).toHaveLength(rows.length);
    expect(exitCode, output).toBe(1);
    expect(junit).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
    expect(junit).toContain("<failure ");
  });

  it("shows the secret a client put in its query in no report", () => {
    expect(output).not.toContain(querySecret);
    expect(JSON.stringify(exchanges)).not.toContain(querySecret);
    expect(junit).not.toContain(querySecret);
  });

  it.each(rows.map((row) => [row.name, row] as const))("%s", (_name, row) => {
    const exchange = exchanges.find(
      (e) => e.method === row.method && e.url === (row.reported ?? row.path),
    );
    expect(exchange, `no exchange for ${row.method} ${row.path}`).toBeDefined();
    const codes = (severity: string): string[] =>
      (exchange?.violations ?? [])
        .filter((v) => v.severity.toLowerCase() === severity)
        .map((v) => v.code);
    const describe = JSON.stringify(exchange?.violations);
    if (row.errors) expect(codes("error"), describe).toEqual(expect.arrayContaining(row.errors));
    else expect(codes("error"), describe).toEqual([]);
    expect(codes("warning"), describe).toEqual(row.warnings ?? []);
  });

  it("names the command when Prism is missing: one that installs it where the package is", () => {
    const bare = join(workspace, "no-prism");
    installTarball(tarball, bare, ["openapi-fetch", "openapi-typescript-helpers"]);
    // What `npm install ./mode-datasets-0.1.0.tgz` leaves in a new folder.
    writeFileSync(
      join(bare, "package.json"),
      JSON.stringify({ name: "team-project", private: true }),
    );
    const cli = join(bare, "node_modules", "mode-datasets", "dist", "kit", "cli.js");
    const run = spawnSync(process.execPath, [cli, "mock", "--port", "0"], {
      cwd: bare,
      encoding: "utf8",
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      `Install it: cd ${bare} && npm install --save-dev @stoplight/prism-cli@5.14.2`,
    );
    // The package is not on the registry: no hint may fetch it by name.
    expect(run.stderr).not.toMatch(/npx (-p|--package) mode-datasets/);
    // Doing what the hint says (here: putting Prism in that project's node_modules, as npm
    // would) is enough for the command to start.
    symlinkSync(
      fileURLToPath(new URL("../../node_modules/@stoplight", import.meta.url)),
      join(bare, "node_modules", "@stoplight"),
    );
    const again = spawnSync(process.execPath, [cli, "contract", "--", "node", "-e", ""], {
      cwd: bare,
      encoding: "utf8",
      timeout: 120_000,
    });
    // Prism started: the run got as far as judging a command that sent nothing.
    expect(`${again.stdout}${again.stderr}`).toContain(
      "contract: FAIL: the command sent no request",
    );
  });
});
