// Every documented runtime export of the package entry exists and has the right kind.
import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

const functions = [
  "createModeClient",
  "createModeDatasets",
  "paginate",
  "filterBy",
  "createdAfter",
  "createdBefore",
  "updatedAfter",
  "updatedBefore",
  "orderBy",
  "errorFromResponse",
  "uncheckedFilter",
  "toArray",
] as const;

const errorClasses = [
  "ModeApiError",
  "ModeBadRequestError",
  "ModeUnauthorizedError",
  "ModeForbiddenError",
  "ModeNotFoundError",
  "ModeUnprocessableEntityError",
  "ModeRateLimitError",
  "ModeServerError",
  "ModeTimeoutError",
  "ModeConnectionError",
  "ModeInvalidResponseError",
  "ModeResponseTooLargeError",
  "ModeMaxPagesError",
] as const;

// A run's own errors: every request succeeded, but the run failed, did not end in time, or has no
// rows to give.
const runErrorClasses = [
  "ModeRunError",
  "ModeRunFailedError",
  "ModeRunTimeoutError",
  "ModeRunNotSucceededError",
] as const;

describe("package exports", () => {
  it("exports every documented function", () => {
    for (const name of functions) expect(typeof api[name], name).toBe("function");
  });

  it("exports every error class as a ModeApiError subclass", () => {
    for (const name of errorClasses) {
      const ErrorClass = api[name];
      const error = new ErrorClass({ message: "m", method: "GET", path: "/p" });
      expect(error, name).toBeInstanceOf(api.ModeApiError);
      expect(error, name).toBeInstanceOf(Error);
      expect(error.name).toBe(name);
    }
  });

  it("exports every run error class as a ModeRunError subclass carrying the run", () => {
    const run = {
      token: "r",
      state: "failed" as const,
      created_at: "",
      _links: { self: { href: "" } },
    };
    // `state` is what ModeRunNotSucceededError adds; the others take the rest.
    const init = { message: "m", run, polls: 1, state: "failed" };
    for (const name of runErrorClasses) {
      const error = new api[name](init);
      expect(error, name).toBeInstanceOf(api.ModeRunError);
      expect(error, name).not.toBeInstanceOf(api.ModeApiError);
      expect(error.name).toBe(name);
      expect(error.run).toBe(run);
    }
  });

  it("exports the defaults", () => {
    expect(api.DEFAULTS.baseUrl).toBe("https://app.mode.com/api");
    expect(api.RESULTS_DEFAULTS.maxRowLength).toBeGreaterThan(0);
  });

  it("exports nothing undocumented at runtime", () => {
    expect(Object.keys(api).sort()).toEqual(
      [...functions, ...errorClasses, ...runErrorClasses, "DEFAULTS", "RESULTS_DEFAULTS"].sort(),
    );
  });

  it("returns a real openapi-fetch client with its methods and middleware hooks", () => {
    const client = api.createModeClient({ token: "t", secret: "s" });
    for (const method of [
      "GET",
      "PUT",
      "POST",
      "DELETE",
      "PATCH",
      "HEAD",
      "OPTIONS",
      "TRACE",
      "request",
      "use",
      "eject",
    ]) {
      expect(typeof (client as unknown as Record<string, unknown>)[method], method).toBe(
        "function",
      );
    }
  });
});
