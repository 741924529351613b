// Collections (the API's spaces): the listing and one Collection. Every Collection is visible to
// every credential, so `filter` (all, custom, mine) changes nothing but is checked like any value.
import { modeError } from "../wire/error.js";
import { collectionBody, pageOf } from "../wire/listing.js";
import { spaceBody } from "../wire/space.js";
import type { Handler } from "./types.js";

/** The Collections, at `/spaces` or `/collections` as the path was sent: the same listing. */
const listAt =
  (word: "spaces" | "collections"): Handler =>
  ({ workspace, query }) => {
    const { account } = workspace;
    // Collections are listed in the order they were made; they take no `order` of their own.
    const page = pageOf(
      workspace.spaces(),
      { page: query["page"], per_page: query["per_page"] },
      { sorted: false },
    );
    if (typeof page === "string") return modeError("bad_request", page);
    const bodies = page.items.map((s) => spaceBody(account, s));
    return {
      status: 200,
      body: collectionBody(`/${account}/${word}`, query, "spaces", page, bodies),
      listing: { page: page.page, perPage: page.perPage, last: page.page >= page.totalPages },
    };
  };

export const listSpaces = listAt("spaces");
export const listCollections = listAt("collections");

export const getSpace: Handler = ({ workspace, path }) => {
  const space = workspace.space(path["space"] ?? "");
  if (!space)
    return modeError(
      "not_found",
      `space not found: no Collection ${path["space"]} in ${workspace.account}`,
    );
  return { status: 200, body: spaceBody(workspace.account, space) };
};

export const getCollection = getSpace;
