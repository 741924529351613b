// The contract every listing keeps, defined once: a happy path validated against the bundle,
// good queries answered without a violation, bad queries refused through the throwing layer,
// and (on our mock) every documented answer served clean. Each listing's test file names its
// path, parameters and item key; what differs between listings stays in that file.
import { describe, expect, it } from "vitest";
import type { ContractClient } from "./contract-target.js";
import { againstPrism, contractClient } from "./contract-target.js";
import {
  errorOf,
  expectConforming,
  expectDocumentedAnswer,
  expectRejected,
  preferAnswer,
} from "./contract-expectations.js";
import { documentedAnswerCases } from "./validate-response.js";

type Expected = Array<{ location: string; code: string }>;

export interface ListingContract {
  operationId: string;
  path:
    | "/{account}/spaces/{space}/datasets"
    | "/{account}/data_sources/{data_source}/datasets"
    | "/{account}/datasets/{dataset}/reports"
    | "/{account}/reports/{report}/runs"
    | "/{account}/datasets/{dataset}/runs"
    | "/{account}/spaces"
    | "/{account}/spaces/{space}/reports"
    | "/{account}/data_sources/{data_source}/reports"
    | "/{account}/collections"
    | "/{account}/collections/{space}/reports"
    | "/{account}/datasets/{dataset}/field_descriptions"
    | "/{account}/datasets/{dataset}/schedules"
    | "/{account}/datasets/{dataset}/fields";
  pathParams: Record<string, string>;
  /** The schema name the 200 body is, for the test name. */
  collection: string;
  /** The key under `_embedded` that holds the items. */
  itemsKey:
    | "reports"
    | "report_runs"
    | "spaces"
    | "field_descriptions"
    | "report_schedules"
    | "fields";
  goodQueries: Array<[string, Record<string, unknown>]>;
  badQueries: Array<[string, Record<string, unknown>, Expected]>;
  /**
   * The throwing layer's method for this listing, so bad queries surface as ModeApiError. A
   * listing the throwing layer does not offer yet sends them through the plain client instead.
   */
  listThroughThrowingLayer?: (
    contract: ContractClient,
    params: Record<string, unknown>,
  ) => Promise<unknown>;
}

export function describeListingContract(listing: ListingContract): void {
  const { operationId, path, pathParams } = listing;
  const op = { path, method: "get", status: 200 } as const;
  // One cast, here: the path is a union, and openapi-fetch types each literal path on its own.
  const get = (
    client: ContractClient["client"],
    query?: Record<string, unknown>,
    headers?: Record<string, string>,
  ) =>
    (client.GET as (p: string, init: object) => ReturnType<ContractClient["client"]["GET"]>)(path, {
      params: { path: pathParams, query },
      headers,
    });

  describe(operationId, () => {
    it(`answers 200 with a ${listing.collection} that matches its schema`, async () => {
      const result = await get(contractClient().client);
      await expectConforming(result, op);
      expect(
        Array.isArray(
          (result.data as { _embedded?: Record<string, unknown> } | undefined)?._embedded?.[
            listing.itemsKey
          ],
        ),
      ).toBe(true);
    });

    it.each(listing.goodQueries)("accepts %s without a violation", async (_name, query) => {
      await expectConforming(await get(contractClient().client, query), op);
    });

    it.each(listing.badQueries)("refuses %s", async (_name, query, violations) => {
      const contract = contractClient();
      const { listThroughThrowingLayer } = listing;
      await expectRejected(
        contract,
        listThroughThrowingLayer
          ? () => listThroughThrowingLayer(contract, { ...pathParams, ...query })
          : async () => {
              throw errorOf(await get(contract.client, query), { path, method: "get" });
            },
        {
          status: 400,
          kind: "bad_request",
          violations,
        },
      );
    });
  });

  // Prism serves any documented answer on request (`Prefer: code=..., example=...`): each must
  // arrive without a violation and validate on our side; errors become the matching ModeApiError.
  describe.runIf(againstPrism)(`every documented answer of ${operationId}`, () => {
    it.each(documentedAnswerCases(path, "get"))(
      "serves %s without a violation",
      async (_label, answer) => {
        const result = await get(contractClient().client, undefined, preferAnswer(answer));
        await expectDocumentedAnswer(result, { path, method: "get" }, answer);
      },
    );
  });
}
