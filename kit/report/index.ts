// What `--junit <file>` and `--json <file>` write: `buildSummary` reduces a run's exchanges to
// cases (one per operation and kind of violation) and decides the verdict and exit code once;
// the two renderers only format it. Every exchange is redacted as it enters the summary;
// `redactExchange` and `redactUrl` do the same for anything else that shows a request.
export { toJsonSummary } from "./json.js";
export { escapeAttribute, escapeText, toJunitXml } from "./junit.js";
export {
  type Credentials,
  isSecretName,
  REDACTED,
  type RequestSecrets,
  Redactor,
  redactExchange,
  redactUrl,
} from "./redact.js";
export {
  buildSummary,
  type ExampleRequest,
  type OperationSummary,
  type RecordedExchange,
  type RecordedViolation,
  type ReportedExchange,
  type RunInput,
  type RunSummary,
  type ViolationCase,
} from "./summary.js";
