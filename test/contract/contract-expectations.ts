// The checks contract tests make on an answer: documented status, body valid against the
// operation's schema, Prism's violations, and the ModeApiError our client makes of an error.
import { expect } from "vitest";
import { errorFromResponse, ModeApiError, type ModeErrorKind } from "../../src/index.js";
import { violationsOf, type Violation } from "../../kit/prism/violations.js";
import { againstPrism, type ContractClient } from "./contract-target.js";
import {
  describeErrors,
  documentedStatuses,
  responseValidator,
  type DocumentedAnswer,
} from "./validate-response.js";

/** Violations Prism reported on this answer (header, or problem body in proxy mode). */
export async function violationsIn(response: Response): Promise<Violation[]> {
  const contentType = response.headers.get("content-type") ?? undefined;
  // Only Prism's problem+json bodies carry violations; other bodies are left to the caller.
  const body = contentType?.includes("problem+json") ? await response.clone().text() : "";
  return violationsOf(response.headers.get("sl-violations") ?? undefined, contentType, body);
}

/**
 * Asserts an answer has the documented status, a body valid against its schema and no
 * violations. `mediaType` names the body's documented type when it is not HAL (result content).
 */
export async function expectConforming(
  result: { data?: unknown; error?: unknown; response: Response },
  operation: {
    path: string;
    method: string;
    status: number | readonly number[];
    mediaType?: string;
  },
): Promise<void> {
  const { response } = result;
  const statuses = typeof operation.status === "number" ? [operation.status] : operation.status;
  const violations = await violationsIn(response);
  expect(violations, "Prism reported violations").toEqual([]);
  expect(statuses, `status of ${operation.method.toUpperCase()} ${operation.path}`).toContain(
    response.status,
  );
  if (response.headers.get("content-length") === "0" || response.status === 204) return;
  if (operation.mediaType)
    expect(response.headers.get("content-type")).toContain(operation.mediaType);
  const validate = responseValidator(
    operation.path,
    operation.method,
    response.status,
    operation.mediaType,
  );
  expect(validate(result.data), describeErrors(validate.errors)).toBe(true);
}

/** The `ModeApiError` our client makes of an error answer. */
export function errorOf(
  result: { error?: unknown; response: Response },
  operation: { path: string; method: string },
): ModeApiError {
  expect(result.response.ok, `expected an error answer, got ${result.response.status}`).toBe(false);
  return errorFromResponse({
    body: result.error,
    response: result.response,
    method: operation.method.toUpperCase(),
    path: operation.path,
  });
}

export interface Rejection {
  /** Status from our mock (Prism uses the operation's documented 400 for a bad request). */
  status: number;
  kind: ModeErrorKind;
  /** Violations that must be among those Prism reports: `location` and `code`. */
  violations: ReadonlyArray<{ location: string; code: string }>;
}

/**
 * Asserts that `call` fails with a `ModeApiError` of the expected kind and that the server
 * reported the expected violations. Against another server: a Prism proxy refuses with 422
 * instead of 400 (it ignores the spec's 400), and a server that is not Prism reports no
 * violations, so only the 4xx is checked there.
 */
export async function expectRejected(
  contract: ContractClient,
  call: () => Promise<unknown>,
  expected: Rejection,
): Promise<void> {
  const error = await call().then(
    (value) =>
      expect.fail(`expected a rejection, got ${String(JSON.stringify(value)).slice(0, 200)}`),
    (e: unknown) => e,
  );
  expect(error, String(error)).toBeInstanceOf(ModeApiError);
  const modeError = error as ModeApiError;
  const violations = await violationsIn(contract.lastResponse());
  if (againstPrism) {
    expect({ status: modeError.status, kind: modeError.kind }).toEqual({
      status: expected.status,
      kind: expected.kind,
    });
    // A documented error status comes with Mode's error body, whose `id` agrees with the status
    // (a 400 saying `not_found` would mislead every client that branches on `id`).
    const status = String(modeError.status);
    if (documentedStatuses(modeError.path, modeError.method).includes(status)) {
      const validate = responseValidator(
        modeError.path,
        modeError.method,
        status,
        "application/json",
      );
      expect(validate(modeError.body), describeErrors(validate.errors)).toBe(true);
      // Our 4xx kinds are named after Mode's ids (bad_request, unauthorized).
      expect(modeError.id).toBe(expected.kind);
    }
  } else {
    expect(modeError.status).toBeGreaterThanOrEqual(400);
    expect(modeError.status).toBeLessThan(500);
    if (violations.length === 0) return;
  }
  const found = violations.map((v) => ({ location: v.location, code: v.code }));
  for (const violation of expected.violations) expect(found).toContainEqual(violation);
}

/**
 * Prism's `Prefer` header asking for one documented answer. Prism honours it only when the
 * answer's media type is acceptable: our client's Accept names both hal+json (success bodies)
 * and json (error bodies), so error answers can be asked for too.
 */
export function preferAnswer(answer: DocumentedAnswer): Record<string, string> {
  return {
    Prefer: answer.example
      ? `code=${answer.status}, example=${answer.example}`
      : `code=${answer.status}`,
  };
}

const kindOfStatus: Record<number, ModeErrorKind> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  422: "unprocessable_entity",
  429: "rate_limited",
};

/**
 * Asserts that a documented answer, served by Prism on request, arrives without a violation,
 * validates on our side, and (for an error) becomes the matching `ModeApiError` kind.
 */
export async function expectDocumentedAnswer(
  result: { data?: unknown; error?: unknown; response: Response },
  operation: { path: string; method: string },
  answer: DocumentedAnswer,
): Promise<void> {
  const { response } = result;
  expect(await violationsIn(response), "Prism reported violations").toEqual([]);
  expect(response.status).toBe(answer.status);
  if (answer.mediaType === null) return;
  expect(response.headers.get("content-type")).toContain(answer.mediaType);
  const body = response.ok ? result.data : result.error;
  const validate = responseValidator(
    operation.path,
    operation.method,
    answer.status,
    answer.mediaType,
  );
  expect(validate(body), describeErrors(validate.errors)).toBe(true);
  if (!response.ok) {
    expect(errorOf(result, operation).kind).toBe(
      kindOfStatus[answer.status] ?? (answer.status >= 500 ? "server" : "http"),
    );
  }
}
