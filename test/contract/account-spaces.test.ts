// Contract: openapi/paths/{account}_spaces.yaml (listSpaces).
import { errorOf } from "./contract-expectations.js";
import { ids } from "./contract-target.js";
import { badPaging } from "./listing-cases.js";
import { describeListingContract } from "./listing-suite.js";

const path = "/{account}/spaces";

describeListingContract({
  operationId: "listSpaces",
  path,
  pathParams: { account: ids.account },
  collection: "SpaceCollection",
  itemsKey: "spaces",
  goodQueries: [
    ["filter=all, page and per_page (every Collection)", { filter: "all", page: 1, per_page: 30 }],
    ["filter=custom (only those people made)", { filter: "custom" }],
  ],
  badQueries: [
    // Mode answers an unknown filter with the unfiltered list, so only the mock can catch these.
    [
      "filter=ALL (the value is lower case)",
      { filter: "ALL" },
      [{ location: "request.query.filter", code: "enum" }],
    ],
    [
      "filter=everything",
      { filter: "everything" },
      [{ location: "request.query.filter", code: "enum" }],
    ],
    ...badPaging,
  ],
  // The throwing layer has no method for this listing yet: the plain client's error answer
  // becomes the same ModeApiError the throwing layer would make of it.
  listThroughThrowingLayer: async (contract, { account, ...query }) => {
    throw errorOf(
      await contract.client.GET(path, {
        params: { path: { account: account as string }, query: query as never },
      }),
      { path, method: "get" },
    );
  },
});
