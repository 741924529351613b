// Contract: openapi/paths/{account}_data_sources_{data_source}_datasets.yaml (listDatasetsForDataSource).
import { describe, expect, it } from "vitest";
import { expectConforming, expectDocumentedAnswer, expectRejected, preferAnswer } from "./contract-expectations.js";
import { againstPrism, contractClient, ids } from "./contract-target.js";
import { documentedAnswerCases } from "./validate-response.js";
import { allFilterParameters, badFilters, otherFilterParameters } from "./listing-cases.js";

const path = "/{account}/data_sources/{data_source}/datasets";
const op = { path, method: "get", status: 200 } as const;
const pathParams = { account: ids.account, data_source: ids.dataSource };

describe("listDatasetsForDataSource", () => {
  it("answers 200 with a DatasetCollection that matches its schema", async () => {
    const { client } = contractClient();
    const result = await client.GET(path, { params: { path: pathParams } });
    await expectConforming(result, op);
    expect(Array.isArray(result.data?._embedded.reports)).toBe(true);
  });

  it.each([
    ["created_at ascending", allFilterParameters],
    ["updated_at descending", otherFilterParameters],
  ])("accepts filter, order, order_by, page and per_page (%s) without a violation", async (_name, query) => {
    const { client } = contractClient();
    await expectConforming(await client.GET(path, { params: { path: pathParams, query } }), op);
  });

  it.each(badFilters)("refuses %s", async (_name, query, violations) => {
    const contract = contractClient();
    await expectRejected(contract, () => contract.datasets.datasets.listForDataSource({ ...pathParams, ...(query as object) }), {
      status: 400,
      kind: "bad_request",
      violations,
    });
  });
});

// Prism serves any documented answer on request (`Prefer: code=..., example=...`): each must
// arrive without a violation and validate on our side; errors become the matching ModeApiError.
describe.runIf(againstPrism)("every documented answer of listDatasetsForDataSource", () => {
  it.each(documentedAnswerCases(path, "get"))("serves %s without a violation", async (_label, answer) => {
    const { client } = contractClient();
    const result = await client.GET(path, { params: { path: pathParams }, headers: preferAnswer(answer) });
    await expectDocumentedAnswer(result, { path, method: "get" }, answer);
  });
});
