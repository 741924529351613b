// The rules on a client's conduct over time, beside the checks on each request alone. Each rule
// is one file named after its id; kit/simulator/README.md lists them with the evidence each gives.
import { pagingIncomplete } from "./paging-incomplete.js";
import { pollingTooFast } from "./polling-too-fast.js";
import { rateLimitExceeded } from "./rate-limit-exceeded.js";
import { retryAfterIgnored } from "./retry-after-ignored.js";
import type { ConductRule } from "./types.js";
import { unsafeRetry } from "./unsafe-retry.js";

export { requestChecks } from "./request-checks.js";
export type {
  ConductFinding,
  ConductRule,
  Evidence,
  Exchange,
  RequestCheck,
  RuleContext,
  RuleState,
} from "./types.js";

export const conductRules: readonly ConductRule[] = [
  retryAfterIgnored,
  unsafeRetry,
  pagingIncomplete,
  pollingTooFast,
  rateLimitExceeded,
];
