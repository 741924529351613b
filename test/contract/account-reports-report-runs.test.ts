// Contract: openapi/paths/{account}_reports_{report}_runs.yaml (listReportRuns, refreshDatasetsInReport).
import { describe, expect, it } from "vitest";
import { documentedAnswersSuite } from "./documented-answers-suite.js";
import { errorOf, expectConforming, expectRejected } from "./contract-expectations.js";
import { contractClient, ids, writesAllowed } from "./contract-target.js";
import { badFilters, filterQueries } from "./listing-cases.js";
import { describeListingContract } from "./listing-suite.js";

const path = "/{account}/reports/{report}/runs";
const pathParams = { account: ids.account, report: ids.report };

describeListingContract({
  operationId: "listReportRuns",
  path,
  pathParams,
  collection: "ReportRunCollection",
  itemsKey: "report_runs",
  goodQueries: filterQueries,
  badQueries: badFilters,
  listThroughThrowingLayer: (contract, params) =>
    contract.datasets.reports.listRuns(params as never),
});

describe.runIf(writesAllowed)("refreshDatasetsInReport", () => {
  const op = { path, method: "post", status: 202 } as const;

  it("answers 202 with a ReportRun that matches its schema", async () => {
    const { client } = contractClient();
    const body = { report: { dataset_tokens: [{ token: ids.dataset }] } };
    await expectConforming(await client.POST(path, { params: { path: pathParams }, body }), op);
  });

  it("accepts several dataset tokens, through the throwing layer, without a violation", async () => {
    const contract = contractClient();
    const run = await contract.datasets.reports.refreshDatasets(pathParams, [
      ids.dataset,
      "c81e728d9d4c",
    ]);
    await expectConforming({ data: run, response: contract.lastResponse() }, op);
  });

  it("runs the report through the throwing layer with parameter values, or with none", async () => {
    const contract = contractClient();
    const withValues = await contract.datasets.reports.runReport(pathParams, {
      region: "EMEA",
      min_orders: 25,
    });
    await expectConforming({ data: withValues, response: contract.lastResponse() }, op);
    const withDefaults = await contract.datasets.reports.runReport(pathParams);
    await expectConforming({ data: withDefaults, response: contract.lastResponse() }, op);
  });

  // The mock lets the run a refresh starts finish: waitForRun follows it through getReportRun.
  it("refreshes through the throwing layer and waits until the run succeeds", async () => {
    const contract = contractClient();
    const started = await contract.datasets.reports.refreshDatasets(pathParams, [ids.dataset]);
    const finished = await contract.datasets.waitForRun(
      { ...pathParams, run: started.token },
      { intervalMs: 1 },
    );
    await expectConforming(
      { data: finished, response: contract.lastResponse() },
      { path: "/{account}/reports/{report}/runs/{run}", method: "get", status: 200 },
    );
    expect(finished.token).toBe(started.token);
    expect(["succeeded", "completed"]).toContain(finished.state);
  });

  // Raw openapi-fetch client with type casts: `reports.refreshDatasets` takes plain token strings
  // and checks them, so it cannot send these malformed bodies.
  const badBodies: Array<[string, unknown, Array<{ location: string; code: string }>]> = [
    [
      "bare string tokens",
      { report: { dataset_tokens: [ids.dataset] } },
      [{ location: "request.body.report.dataset_tokens.0", code: "type" }],
    ],
    [
      "no tokens",
      { report: { dataset_tokens: [] } },
      [{ location: "request.body.report.dataset_tokens", code: "minItems" }],
    ],
    [
      "a token object without token",
      { report: { dataset_tokens: [{ id: ids.dataset }] } },
      [{ location: "request.body.report.dataset_tokens.0", code: "required" }],
    ],
    [
      "tokens not wrapped in report",
      { dataset_tokens: [{ token: ids.dataset }] },
      [{ location: "request.body", code: "required" }],
    ],
    [
      "dataset tokens and parameters together (a mixture of the two shapes)",
      { report: { dataset_tokens: [{ token: ids.dataset }] }, parameters: { region: "EMEA" } },
      [{ location: "request.body", code: "oneOf" }],
    ],
    [
      "parameters inside the report wrapper",
      { report: { dataset_tokens: [{ token: ids.dataset }], parameters: { region: "EMEA" } } },
      [{ location: "request.body.report", code: "additionalProperties" }],
    ],
    [
      "parameters that are not an object",
      { parameters: "region=EMEA" },
      [{ location: "request.body.parameters", code: "type" }],
    ],
    [
      "a token that is not a string",
      { report: { dataset_tokens: [{ token: 42 }] } },
      [{ location: "request.body.report.dataset_tokens.0.token", code: "type" }],
    ],
  ];

  // The same POST also runs the report with parameter values, with `{}`, or with no body at all.
  it.each([
    ["parameter values", { parameters: { region: "EMEA", min_orders: 25 } }],
    ["a multi-select parameter as a list", { parameters: { regions: ["EMEA", "APAC"] } }],
    ["an empty object (every parameter at its default)", {}],
  ])("answers 202 with a ReportRun to a run with %s", async (_name, body) => {
    const { client } = contractClient();
    await expectConforming(await client.POST(path, { params: { path: pathParams }, body }), op);
  });

  it("answers 202 with a ReportRun to a run with no body at all", async () => {
    const { client } = contractClient();
    await expectConforming(await client.POST(path, { params: { path: pathParams } }), op);
  });

  it.each(badBodies)("refuses a refresh with %s", async (_name, body, violations) => {
    const contract = contractClient();
    await expectRejected(
      contract,
      async () => {
        throw errorOf(
          await contract.client.POST(path, { params: { path: pathParams }, body: body as never }),
          { path, method: "post" },
        );
      },
      { status: 400, kind: "bad_request", violations },
    );
  });
});

// Prism serves any documented answer on request (`Prefer: code=..., example=...`): each must
// arrive without a violation and validate on our side; errors become the matching ModeApiError.
documentedAnswersSuite("refreshDatasetsInReport", { path, method: "post" }, (client, headers) =>
  client.POST(path, {
    params: { path: pathParams },
    body: { report: { dataset_tokens: [{ token: ids.dataset }] } },
    headers: headers,
  }),
);
