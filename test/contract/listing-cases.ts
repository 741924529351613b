// The query parameters every listing shares, as tables: one good "all parameters" query built
// with our helpers, and the bad ones a careless client sends, with the violation Prism must
// report for each. Values are sent as given (cast past the types) to play the bad client.
import { createdAfter, orderBy, updatedBefore } from "../../src/index.js";

type Expected = Array<{ location: string; code: string }>;

/** filter, order, order_by, page and per_page together, built with our helpers. */
export const allFilterParameters = {
  filter: createdAfter(new Date(Date.UTC(2019, 9, 23, 6, 23, 1))),
  ...orderBy("created_at", "asc"),
  page: 1,
  per_page: 30,
};

/** The other field and direction, and a timestamp with milliseconds. */
export const otherFilterParameters = {
  filter: updatedBefore("2024-09-02T07:38:43.722Z"),
  ...orderBy("updated_at", "desc"),
  page: 2,
  per_page: 1000,
};

/** The good queries of every listing that takes `filter`: both fields, both directions. */
export const filterQueries: Array<[string, Record<string, unknown>]> = [
  ["filter, order, order_by, page and per_page (created_at ascending)", allFilterParameters],
  ["filter, order, order_by, page and per_page (updated_at descending)", otherFilterParameters],
];

export const badPaging: Array<[string, Record<string, unknown>, Expected]> = [
  ["page 0", { page: 0 }, [{ location: "request.query.page", code: "minimum" }]],
  [
    "a page that is not a number",
    { page: "first" },
    [{ location: "request.query.page", code: "type" }],
  ],
  ["per_page 0", { per_page: 0 }, [{ location: "request.query.per_page", code: "minimum" }]],
  [
    "per_page above 1000",
    { per_page: 5000 },
    [{ location: "request.query.per_page", code: "maximum" }],
  ],
];

export const badFilters: Array<[string, Record<string, unknown>, Expected]> = [
  [
    "a filter on an unknown field",
    { filter: "name.gt.2019-10-23T06:23:01Z" },
    [{ location: "request.query.filter", code: "pattern" }],
  ],
  [
    "a filter with an unknown operator",
    { filter: "created_at.eq.2019-10-23T06:23:01Z" },
    [{ location: "request.query.filter", code: "pattern" }],
  ],
  [
    "a filter whose value is not a timestamp",
    { filter: "created_at.gt.yesterday" },
    [{ location: "request.query.filter", code: "pattern" }],
  ],
  [
    "a filter with a date but no time",
    { filter: "created_at.gt.2019-10-23" },
    [{ location: "request.query.filter", code: "pattern" }],
  ],
  [
    "a filter with a local time (no Z)",
    { filter: "created_at.gt.2019-10-23T06:23:01+02:00" },
    [{ location: "request.query.filter", code: "pattern" }],
  ],
  [
    "order outside its enum",
    { order: "ascending" },
    [{ location: "request.query.order", code: "enum" }],
  ],
  [
    "order_by outside its enum",
    { order_by: "name" },
    [{ location: "request.query.order_by", code: "enum" }],
  ],
  ...badPaging,
];

/** The Collections listing's good queries, at /spaces and at /collections alike. */
export const spaceQueries: Array<[string, Record<string, unknown>]> = [
  ["filter=all, page and per_page (every Collection)", { filter: "all", page: 1, per_page: 30 }],
  ["filter=custom (only those people made)", { filter: "custom" }],
];

/** Mode answers an unknown Collections filter with the unfiltered list: only the mock catches these. */
export const badSpaceQueries: Array<[string, Record<string, unknown>, Expected]> = [
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
];
