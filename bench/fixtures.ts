import { readFileSync } from "node:fs";

/**
 * Response bodies the bench server sends. The Dataset is the spec's own example (so the client
 * parses a realistic ~3.5 kB HAL document, not `{}`); listing items are that Dataset with a
 * unique token and id each, because the paginator stops on a page identical to the one before.
 */
const spec = JSON.parse(
  readFileSync(new URL("../generated/openapi.json", import.meta.url), "utf8"),
) as {
  components: { examples: Record<string, { value: Record<string, unknown> }> };
};

const example = spec.components.examples["Dataset"]?.value;
if (!example)
  throw new Error(
    "generated/openapi.json has no components.examples.Dataset; run `npm run generate`",
  );

export const dataset: Readonly<Record<string, unknown>> = example;

/** The body of getDataset. */
export const datasetBody: Buffer = Buffer.from(JSON.stringify(dataset));

/** A 12-hex-digit token, like Mode's, unique per index. */
export function tokenFor(index: number): string {
  return index.toString(16).padStart(12, "0");
}

/** One page of `_embedded.reports` out of `total` items, with Mode's observed pagination block. */
export function listingPageBody(
  account: string,
  space: string,
  total: number,
  page: number,
  perPage: number,
): Buffer {
  const first = (page - 1) * perPage;
  const count = Math.max(0, Math.min(perPage, total - first));
  const reports = Array.from({ length: count }, (_, offset) => ({
    ...dataset,
    token: tokenFor(first + offset + 1),
    id: first + offset + 1,
  }));
  const totalPages = Math.ceil(total / perPage);
  const self = `/api/${account}/spaces/${space}/datasets?page=${page}&per_page=${perPage}`;
  const links: Record<string, { href: string }> = { self: { href: self } };
  if (page < totalPages)
    links["next_page"] = { href: self.replace(`page=${page}&`, `page=${page + 1}&`) };
  if (page > 1) links["prev_page"] = { href: self.replace(`page=${page}&`, `page=${page - 1}&`) };
  return Buffer.from(
    JSON.stringify({
      _links: links,
      _embedded: { reports },
      pagination: { page, per_page: perPage, count, total_pages: totalPages, total_count: total },
    }),
  );
}
