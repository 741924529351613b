// An operation's documented answers, read from the spec: which statuses it documents (exactly,
// by range such as `4XX`, or by `default`, as OpenAPI reads them) and each one's media types.
import { indexSpec, isObject, type OperationInfo, type SpecObject } from "../rules/spec-index.js";

/** The operation's `responses` object, `$ref`s followed. */
export function operationResponses(
  spec: unknown,
  operation: OperationInfo,
): SpecObject | undefined {
  const index = indexSpec(spec);
  const paths = index.resolve(isObject(spec) ? spec["paths"] : undefined);
  const item = index.resolve(paths?.[operation.template]);
  return index.resolve(index.resolve(item?.[operation.method.toLowerCase()])?.["responses"]);
}

/** The media types of the operation's answer for `status` (exactly as the spec keys it). */
export function answerMediaTypes(
  spec: unknown,
  operation: OperationInfo,
  status: string,
): string[] {
  const index = indexSpec(spec);
  const answer = index.resolve(operationResponses(spec, operation)?.[status]);
  const content = index.resolve(answer?.["content"]);
  return isObject(content) ? Object.keys(content) : [];
}

/** The statuses the operation documents, as the spec writes them (`200`, `4XX`, `default`). */
export function documentedStatuses(spec: unknown, operation: OperationInfo): string[] {
  return Object.keys(operationResponses(spec, operation) ?? {});
}

/** True when `status` is one of `documented`, taking ranges and `default` into account. */
export function isDocumented(status: number, documented: readonly string[]): boolean {
  const text = String(status);
  return documented.some(
    (key) => key === "default" || key === text || (/^[1-5]XX$/i.test(key) && key[0] === text[0]),
  );
}
