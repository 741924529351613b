// Contract: openapi/paths/{account}_collections.yaml (listCollections, the newer path of listSpaces).
import { ids } from "./contract-target.js";
import { badSpaceQueries, spaceQueries } from "./listing-cases.js";
import { describeListingContract } from "./listing-suite.js";

describeListingContract({
  operationId: "listCollections",
  path: "/{account}/collections",
  pathParams: { account: ids.account },
  collection: "SpaceCollection",
  itemsKey: "spaces",
  goodQueries: spaceQueries,
  badQueries: badSpaceQueries,
});
