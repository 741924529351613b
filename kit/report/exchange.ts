// The shape of one exchange as the kit records it and as a report shows it. Its own file because
// both the summary and the redaction read it: neither imports the other for a type.
import type { HeadersLike } from "../rules/types.js";

export interface Credentials {
  /** The Basic user: Mode's API token. */
  user: string;
  /** The Basic password: Mode's API secret. */
  password: string;
}

/** What a request carried that no report may show, given to the redaction and then dropped. */
export interface RequestSecrets {
  /** The request's own Basic credentials (or the ones a simulator was configured with). */
  credentials?: Credentials | undefined;
  /** The request's headers: `Authorization` (Basic decoded) and every header named like a secret. */
  headers?: HeadersLike | undefined;
}

/** A violation as the recorder keeps it: Prism's, or one of the kit's own rules (code = rule id). */
export interface RecordedViolation {
  location: string;
  code: string;
  message: string;
  severity: string;
}

/** An exchange as a report shows it: redacted, holding nothing that was used to redact it. */
export interface ReportedExchange {
  method: string;
  url: string;
  operation: string | null;
  status: number;
  violations: RecordedViolation[];
}

/** An exchange as the recorder keeps it. */
export interface RecordedExchange extends Omit<ReportedExchange, "violations"> {
  violations: readonly RecordedViolation[];
  /**
   * The request's credentials and headers, given so the report can hide them wherever they are
   * echoed (in this exchange or any other). Used when the exchange enters the summary, then
   * dropped: no report holds them.
   */
  secrets?: RequestSecrets | undefined;
}
