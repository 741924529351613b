// What `--junit <file>` and `--json <file>` write: `buildSummary` reduces a run's exchanges to
// cases (one per operation and kind of violation) and decides the verdict and exit code once;
// the two renderers only format it.
export { toJsonSummary } from "./json.js";
export { escapeAttribute, escapeText, toJunitXml } from "./junit.js";
export {
  buildSummary,
  type ExampleRequest,
  type OperationSummary,
  type RecordedExchange,
  type RecordedViolation,
  type RunInput,
  type RunSummary,
  type ViolationCase,
} from "./summary.js";
