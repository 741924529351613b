// The checks on each request alone, as findings: the kit's own rules (kit/rules) and the spec's
// schemas, which the kit leaves to Prism. One finding per rule and place (`request.query.order`),
// counting every request that showed it; the first few are its evidence.
import { boundedSet, keep, ordered, toEvidence } from "./evidence.js";
import type { ConductFinding, Evidence, RuleContext, RuleState } from "./types.js";

interface Seen {
  finding: Omit<ConductFinding, "evidence" | "count">;
  count: number;
  evidence: Evidence[];
}

export function requestChecks(context: RuleContext): RuleState {
  const seen = new Map<string, Seen>();
  return {
    observe(e) {
      for (const check of e.checks) {
        const key = `${check.rule} ${check.location}`;
        let entry = seen.get(key);
        if (!entry) {
          entry = {
            finding: {
              rule: check.rule,
              severity: check.severity,
              message: `${check.location}: ${check.message}`,
            },
            count: 0,
            evidence: [],
          };
          boundedSet(seen, key, entry, 500);
        }
        entry.count += 1;
        keep(entry.evidence, toEvidence(context, e, check.message));
      }
    },
    findings: () =>
      [...seen.values()].map((s) => ({
        ...s.finding,
        message: s.count > 1 ? `${s.finding.message} (${s.count} requests)` : s.finding.message,
        evidence: ordered(s.evidence),
        count: s.count,
      })),
  };
}
