// `paging/incomplete` (warning): a listing left before its last page. A listing is one path with
// one set of parameters besides `page`, on one credential; it is complete once any page of it
// came back as the last (no `next_page`), including a page read past the end.
import { boundedSet, keep, ordered, toEvidence } from "./evidence.js";
import type { ConductRule, Evidence } from "./types.js";

interface Listing {
  url: string;
  pages: Set<number>;
  done: boolean;
  evidence: Evidence[];
}

export const pagingIncomplete: ConductRule = {
  id: "paging/incomplete",
  severity: "warning",
  summary: "a listing left before its last page",
  create(context) {
    const listings = new Map<string, Listing>();
    return {
      observe(e) {
        if (!e.listing || e.status !== 200) return;
        const key = `${e.credential ?? ""} ${e.listing.key}`;
        let listing = listings.get(key);
        if (!listing) {
          listing = { url: e.url, pages: new Set(), done: false, evidence: [] };
          // Finished listings go first when the map is full: only open ones can become findings.
          boundedSet(listings, key, listing, 2_000, (l) => l.done);
        }
        if (listing.pages.size < 10_000) listing.pages.add(e.listing.page);
        keep(
          listing.evidence,
          toEvidence(context, e, `page ${e.listing.page}${e.listing.last ? ", the last" : ""}`),
        );
        if (e.listing.last) listing.done = true;
      },
      findings() {
        return [...listings.values()]
          .filter((l) => !l.done)
          .map((l) => {
            const pages = [...l.pages].sort((a, b) => a - b);
            return {
              rule: "paging/incomplete",
              severity: "warning" as const,
              message:
                `GET ${l.url.split("?")[0]} was left after page(s) ${pages.join(", ")}, and it has more. ` +
                "Walk `page` until a page has no `next_page` link (or comes back empty), or say why only part is needed.",
              evidence: ordered(l.evidence),
              count: 1,
            };
          });
      },
    };
  },
};
