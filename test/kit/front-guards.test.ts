// The front layer's pure decisions, case by case: which request targets it serves, which paths
// hold a dot segment in some spelling, which upstreams it accepts, which statuses an operation
// documents, and the Accept it gives Prism for `Prefer: code=N`.
import { describe, expect, it } from "vitest";
import { frontSettings } from "../../kit/front-options.js";
import { isDocumented } from "../../kit/front/operation-responses.js";
import { acceptForPreferredStatus, preferredStatus } from "../../kit/front/prefer-status.js";
import { dotSegment, refuseTarget } from "../../kit/front/request-target.js";
import { checkUpstream } from "../../kit/front/upstream-url.js";
import { indexSpec } from "../../kit/rules/spec-index.js";
import { spec } from "../support/bundled-spec.js";

describe("request targets", () => {
  it.each([
    ["GET", "http://elsewhere.example/api/x"],
    ["GET", "//elsewhere.example/api/x"],
    ["OPTIONS", "*"],
    ["CONNECT", "elsewhere.example:443"],
  ])("refuses %s %s", (method, target) => {
    expect(refuseTarget(method, target)).toBeDefined();
  });

  it("serves a path", () => {
    expect(refuseTarget("GET", "/northwind/datasets/5a4177a2902c?x=1")).toBeUndefined();
  });
});

describe("dot segments", () => {
  it.each([
    "/a/../b",
    "/a/./b",
    "/a/..",
    "/a/%2e%2e/b",
    "/a/%2E%2E/b",
    "/a/.%2e/b",
    "/a/%2e./b",
    "/a\\..\\b",
    "/a/%5c..%5c/b",
    "/a/%5C..%5Cb",
    "/a/..%2fb",
    "/a/..%2Fb",
    "/a/%252e%252e/b",
    "/a/%25252e%25252e/b",
    "/a/..;/b",
    "/a/..;jsessionid=1/b",
    "/a/%c0%ae%c0%ae/b",
    "/a/..\\b",
  ])("finds one in %s", (path) => {
    expect(dotSegment(path)).toBe(path);
  });

  it.each([
    "/northwind/datasets/5a4177a2902c",
    "/a/.../b",
    "/a/..b/c",
    "/a/b..",
    "/a/.hidden",
    "/a/b?next=../c",
    "/a/%2e%2e%2e/b",
  ])("finds none in %s", (path) => {
    expect(dotSegment(path)).toBeUndefined();
  });
});

describe("upstreams", () => {
  it.each([
    "https://app.mode.com/api",
    "http://127.0.0.1:8080/api",
    "http://localhost:8080",
    "http://[::1]:8080/api",
  ])("accepts %s", (url) => {
    expect(checkUpstream(url, false)).toEqual({ url: new URL(url) });
  });

  it.each([
    ["file:///etc/", /must be https:\/\/ \(or http:\/\/ to this machine\), got a file: URL/],
    ["ftp://app.mode.com/api", /got a ftp: URL/],
    ["app.mode.com", /must be an absolute URL/],
    ["http://app.mode.com/api", /plain http:\/\/ to app\.mode\.com sends .* --allow-plain-http/],
    ["https://app.mode.com/api?x=1", /without a query or fragment/],
  ])("refuses %s", (url, message) => {
    expect(() => checkUpstream(url, false)).toThrow(message);
  });

  it("refuses credentials in the URL without repeating them", () => {
    expect(() => checkUpstream("https://token:hunter2@app.mode.com/api", false)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("hunter2") }),
    );
  });

  it("takes plain http to a remote host only when allowed, and then warns", () => {
    expect(checkUpstream("http://10.0.0.5/api", true).warning).toMatch(
      /WARNING: plain http:\/\/ to 10\.0\.0\.5 sends the client's credentials across the network in clear/,
    );
  });
});

describe("documented statuses", () => {
  it.each([
    [404, ["200", "404"], true],
    [418, ["200", "404"], false],
    [302, ["200", "4XX"], false],
    [429, ["200", "4XX"], true],
    [501, ["200", "default"], true],
  ] as const)("%s among %j: %s", (status, documented, expected) => {
    expect(isDocumented(status, documented)).toBe(expected);
  });
});

describe("Prefer: code=N", () => {
  const getDataset = indexSpec(spec).operations.find((o) => o.id === "getDataset");

  it("reads the status from the header", () => {
    expect(preferredStatus("code=404")).toBe("404");
    expect(preferredStatus("example=a, code=429")).toBe("429");
    expect(preferredStatus("respond-async")).toBeUndefined();
  });

  it("adds the error's media type to a HAL-only Accept", () => {
    expect(acceptForPreferredStatus(spec, getDataset, "code=404", "application/hal+json")).toBe(
      "application/hal+json, application/json",
    );
  });

  it("keeps an Accept that already admits it, and ignores an undocumented status", () => {
    expect(acceptForPreferredStatus(spec, getDataset, "code=404", "*/*")).toBeUndefined();
    expect(
      acceptForPreferredStatus(spec, getDataset, "code=418", "application/hal+json"),
    ).toBeUndefined();
  });
});

describe("front options", () => {
  it("applies the defaults and names a bad value", () => {
    expect(frontSettings({})).toEqual({ maxBodyBytes: 10 * 1024 * 1024, graceMs: 3_000 });
    expect(frontSettings({ "max-body-bytes": "1024", "grace-ms": "0" })).toEqual({
      maxBodyBytes: 1024,
      graceMs: 0,
    });
    expect(() => frontSettings({ "max-body-bytes": "10MB" })).toThrow(
      '--max-body-bytes must be a whole number of at least 1, got "10MB"',
    );
  });
});
