// `writes/unsafe-retry` (error): a write sent again after its connection was reset or it was
// answered 5xx, though the server had already acted on it: a rename recorded twice, a second run
// started, a delete repeated. Safe clients check the write's effect (read the Dataset, list the
// runs) before deciding to send it again. The same write is the same method, resource and body.
import { boundedSet, keep, ordered, toEvidence } from "./evidence.js";
import type { ConductRule, Evidence, Exchange } from "./types.js";

interface Faulted {
  first: Exchange;
  repeats: number;
  evidence: Evidence[];
}

const writeKey = (e: Exchange): string => `${e.method} ${e.resource} ${normalise(e.body)}`;

function normalise(body: string | undefined): string {
  if (body === undefined || body.trim() === "") return "";
  try {
    return JSON.stringify(JSON.parse(body));
  } catch {
    return body;
  }
}

export const unsafeRetry: ConductRule = {
  id: "writes/unsafe-retry",
  severity: "error",
  summary: "a write repeated after a reset or a 5xx, though the server had already acted on it",
  create(context) {
    const faulted = new Map<string, Faulted>();
    return {
      observe(e) {
        if (!e.write) return;
        const key = writeKey(e);
        const earlier = faulted.get(key);
        if (earlier && earlier.first.seq < e.seq) {
          earlier.repeats += 1;
          keep(earlier.evidence, toEvidence(context, e, "the same write, sent again"));
        }
        const failedAfterActing =
          e.acted && (e.status === "reset" || (typeof e.status === "number" && e.status >= 500));
        if (failedAfterActing && !earlier) {
          const how =
            e.status === "reset"
              ? "connection reset after the server acted"
              : `answered ${e.status} after the server acted`;
          boundedSet(
            faulted,
            key,
            { first: e, repeats: 0, evidence: [toEvidence(context, e, how)] },
            1_000,
          );
        }
      },
      findings() {
        return [...faulted.values()]
          .filter((f) => f.repeats > 0)
          .map((f) => ({
            rule: "writes/unsafe-retry",
            severity: "error" as const,
            message:
              `${f.first.method} ${f.first.url} was sent ${f.repeats} more time(s) after its first attempt ` +
              `${f.first.status === "reset" ? "lost its connection" : `was answered ${f.first.status}`}, though the server had already carried it out. ` +
              "Never repeat a write blindly: read back its effect (the Dataset, the latest run) and send it again only if it did not happen.",
            evidence: ordered(f.evidence),
            count: f.repeats,
          }));
      },
    };
  },
};
