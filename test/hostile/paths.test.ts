// A path parameter is one segment of the URL and nothing else. Values that the URL parser would
// turn into another path ("..", "."), that leave a segment empty or the placeholder in place, that
// serialise into something unintended (objects, arrays), or that cannot be encoded at all are
// refused before a request is built, in the plain client and in the throwing layer alike.
import { describe, expect, it } from "vitest";
import type { ModeClient, ModeDatasets } from "../../src/index.js";
import { hostileServer, sendJson } from "./helpers/hostile-server.js";
import { drain, plainClient, rejection, throwingClient } from "./helpers/hostile-client.js";

const datasetPath = "/{account}/datasets/{dataset}";

// The plain client's own types already refuse most of these values; a caller writing plain
// JavaScript, or passing data from elsewhere, gets past them.
type LooseCall = (path: string, init?: unknown) => Promise<unknown>;
const loose = (client: ModeClient, method: "GET" | "DELETE"): LooseCall =>
  (client[method] as unknown as LooseCall).bind(client);

const badValues: [string, unknown][] = [
  ['".."', ".."],
  ['"."', "."],
  ["an empty string", ""],
  ["a missing value", undefined],
  ["null", null],
  ["an object", { token: "5a4177a2902c" }],
  ["an array", ["a", "b"]],
  ["a lone surrogate", "ab\uD800"],
];

interface Target {
  name: string;
  /** The parameter that gets the bad value. */
  param: string;
  call(client: ModeClient, mode: ModeDatasets, value: unknown): Promise<unknown>;
}

// Built so that a missing value really is missing (no key), not an explicit undefined.
function withParam(base: Record<string, string>, param: string, value: unknown): never {
  return (value === undefined ? base : { ...base, [param]: value }) as never;
}

const targets: Target[] = [
  {
    name: "client.GET",
    param: "dataset",
    call: (client, _mode, value) =>
      loose(client, "GET")(datasetPath, {
        params: { path: withParam({ account: "northwind" }, "dataset", value) },
      }),
  },
  {
    name: "client.DELETE",
    param: "dataset",
    call: (client, _mode, value) =>
      loose(client, "DELETE")(datasetPath, {
        params: { path: withParam({ account: "northwind" }, "dataset", value) },
      }),
  },
  {
    name: "mode.datasets.get",
    param: "dataset",
    call: (_client, mode, value) =>
      mode.datasets.get(withParam({ account: "northwind" }, "dataset", value)),
  },
  {
    name: "mode.datasets.delete",
    param: "account",
    call: (_client, mode, value) =>
      mode.datasets.delete(withParam({ dataset: "5a4177a2902c" }, "account", value)),
  },
  {
    name: "mode.datasets.iterateForSpace",
    param: "space",
    call: async (_client, mode, value) => {
      const { error } = await drain(
        mode.datasets.iterateForSpace(withParam({ account: "northwind" }, "space", value)),
      );
      if (error !== undefined) throw error;
    },
  },
  {
    name: "mode.reports.refreshDatasets",
    param: "report",
    call: (_client, mode, value) =>
      mode.reports.refreshDatasets(withParam({ account: "northwind" }, "report", value), [
        "5a4177a2902c",
      ]),
  },
];

/** A server that answers anything plausibly, so a request that gets through shows as a success. */
async function acceptingServer() {
  return hostileServer((_request, response) =>
    sendJson(response, 200, {
      token: "5a4177a2902c",
      _embedded: { reports: [] },
      _links: { self: { href: "/" } },
    }),
  );
}

function expectRefusal(error: unknown, param: string): void {
  expect(error).toSatisfy(
    (value: unknown) => value instanceof TypeError || value instanceof RangeError,
    "a TypeError or RangeError",
  );
  expect((error as Error).message).toMatch(new RegExp(`\\b${param}\\b`));
}

describe("bad path parameters", () => {
  for (const target of targets) {
    for (const [label, value] of badValues) {
      it(`refuses ${label} as ${target.param} in ${target.name} before sending`, async () => {
        const server = await acceptingServer();
        const error = await rejection(
          target.call(plainClient(server.baseUrl), throwingClient(server.baseUrl), value),
        );
        expectRefusal(error, target.param);
        expect(server.seen).toHaveLength(0);
      });
    }
  }

  it("refuses a plain-client call with no path parameters at all before sending", async () => {
    const server = await acceptingServer();
    const client = plainClient(server.baseUrl);
    expectRefusal(await rejection(loose(client, "GET")(datasetPath)), "account");
    expectRefusal(await rejection(loose(client, "DELETE")(datasetPath, {})), "account");
    expect(server.seen).toHaveLength(0);
  });
});

describe("path parameters that are fine", () => {
  it("sends a/../b as one percent-encoded segment", async () => {
    const server = await acceptingServer();
    await throwingClient(server.baseUrl).datasets.get({ account: "northwind", dataset: "a/../b" });
    await throwingClient(server.baseUrl).datasets.get({ account: "northwind", dataset: "%2e%2e" });
    expect(server.seen.map((seen) => seen.url)).toEqual([
      "/api/northwind/datasets/a%2F..%2Fb",
      "/api/northwind/datasets/%252e%252e",
    ]);
  });

  it("sends dots inside a value, spaces and non-ascii letters encoded", async () => {
    const server = await acceptingServer();
    const client = plainClient(server.baseUrl);
    for (const dataset of ["...", "a.b", "Q3 revenue", "Übersicht"]) {
      await client.GET(datasetPath, { params: { path: { account: "northwind", dataset } } });
    }
    expect(server.seen.map((seen) => seen.url)).toEqual([
      "/api/northwind/datasets/...",
      "/api/northwind/datasets/a.b",
      "/api/northwind/datasets/Q3%20revenue",
      "/api/northwind/datasets/%C3%9Cbersicht",
    ]);
  });
});
