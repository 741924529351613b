// Contract: openapi/paths/{account}_datasets_{dataset}_reports.yaml (listReportsForDataset).
import { describe, expect, it } from "vitest";
import { expectConforming, expectDocumentedAnswer, expectRejected, preferAnswer } from "./contract-expectations.js";
import { againstPrism, contractClient, ids } from "./contract-target.js";
import { documentedAnswerCases } from "./validate-response.js";
import { badPaging } from "./listing-cases.js";

const path = "/{account}/datasets/{dataset}/reports";
const op = { path, method: "get", status: 200 } as const;
const pathParams = { account: ids.account, dataset: ids.dataset };

describe("listReportsForDataset", () => {
  it("answers 200 with a ReportCollection that matches its schema", async () => {
    const { client } = contractClient();
    const result = await client.GET(path, { params: { path: pathParams } });
    await expectConforming(result, op);
    expect(Array.isArray(result.data?._embedded.reports)).toBe(true);
  });

  it("accepts page and per_page (its only query parameters) without a violation", async () => {
    const { client } = contractClient();
    await expectConforming(await client.GET(path, { params: { path: pathParams, query: { page: 2, per_page: 50 } } }), op);
  });

  it.each(badPaging)("refuses %s", async (_name, query, violations) => {
    const contract = contractClient();
    await expectRejected(contract, () => contract.datasets.datasets.listReports({ ...pathParams, ...(query as object) }), {
      status: 400,
      kind: "bad_request",
      violations,
    });
  });
});

// Prism serves any documented answer on request (`Prefer: code=..., example=...`): each must
// arrive without a violation and validate on our side; errors become the matching ModeApiError.
describe.runIf(againstPrism)("every documented answer of listReportsForDataset", () => {
  it.each(documentedAnswerCases(path, "get"))("serves %s without a violation", async (_label, answer) => {
    const { client } = contractClient();
    const result = await client.GET(path, { params: { path: pathParams }, headers: preferAnswer(answer) });
    await expectDocumentedAnswer(result, { path, method: "get" }, answer);
  });
});
