// Contract: openapi/paths/{account}_datasets_{dataset}.yaml (getDataset, updateDataset, deleteDataset).
import { describe, expect, it } from "vitest";
import { errorOf, expectConforming, expectRejected } from "./contract-expectations.js";
import {
  againstPrism,
  contractClient,
  ids,
  writesAllowed,
  withoutCredentials,
} from "./contract-target.js";
import { documentedAnswersSuite } from "./documented-answers-suite.js";

const path = "/{account}/datasets/{dataset}";
const params = { path: { account: ids.account, dataset: ids.dataset } };

describe("getDataset", () => {
  const op = { path, method: "get", status: 200 } as const;

  it("answers 200 with a Dataset that matches its schema", async () => {
    const { client } = contractClient();
    await expectConforming(await client.GET(path, { params }), op);
  });

  it("accepts every parameter it documents without a violation, through the throwing layer too", async () => {
    // getDataset documents only its path parameters (account, dataset).
    const contract = contractClient();
    const dataset = await contract.datasets.datasets.get({
      account: ids.account,
      dataset: ids.dataset,
    });
    await expectConforming({ data: dataset, response: contract.lastResponse() }, op);
  });

  it("is refused without credentials (transport strips them)", async () => {
    const contract = contractClient({ fetch: withoutCredentials });
    await expectRejected(
      contract,
      () => contract.datasets.datasets.get({ account: ids.account, dataset: ids.dataset }),
      {
        status: 401,
        kind: "unauthorized",
        violations: [{ location: "request", code: "401" }],
      },
    );
  });

  it("is refused with a bearer token instead of Basic credentials (transport swaps them)", async () => {
    const contract = contractClient({
      fetch: (request) => {
        const bearer = new Request(request);
        bearer.headers.set("authorization", "Bearer contract-token");
        return globalThis.fetch(bearer);
      },
    });
    await expectRejected(
      contract,
      () => contract.datasets.datasets.get({ account: ids.account, dataset: ids.dataset }),
      {
        status: 401,
        kind: "unauthorized",
        violations: [{ location: "request", code: "401" }],
      },
    );
  });

  it.runIf(againstPrism)(
    "is refused with 406 when the client accepts only application/json",
    async () => {
      // Success bodies are application/hal+json only: a client must accept it (or */*).
      const contract = contractClient({ headers: { Accept: "application/json" } });
      await expectRejected(
        contract,
        () => contract.datasets.datasets.get({ account: ids.account, dataset: ids.dataset }),
        {
          status: 406,
          kind: "http",
          violations: [{ location: "request", code: "NOT_ACCEPTABLE" }],
        },
      );
    },
  );

  it.runIf(againstPrism)(
    "is refused with 405 for a method the path does not document (PUT)",
    async () => {
      const contract = contractClient();
      const put = contract.client.PUT as unknown as (
        p: string,
        init: unknown,
      ) => Promise<{ error?: unknown; response: Response }>;
      await expectRejected(
        contract,
        async () => {
          throw errorOf(await put(path, { params, body: { report: { name: "Renamed" } } }), {
            path,
            method: "put",
          });
        },
        {
          status: 405,
          kind: "http",
          violations: [{ location: "request", code: "NO_METHOD_MATCHED_ERROR" }],
        },
      );
    },
  );
});

describe.runIf(writesAllowed)("updateDataset", () => {
  const op = { path, method: "patch", status: 200 } as const;

  it("answers 200 with the Dataset after a rename", async () => {
    const { client } = contractClient();
    await expectConforming(
      await client.PATCH(path, { params, body: { report: { name: "Orders by region (EU)" } } }),
      op,
    );
  });

  it("accepts every field it documents without a violation", async () => {
    const { client } = contractClient();
    const body = {
      report: {
        name: "Orders by region (EU)",
        description: "One row per EU order with its shipping region.",
        space_token: ids.space,
      },
    };
    await expectConforming(await client.PATCH(path, { params, body }), op);
  });

  // Raw openapi-fetch client with type casts: the throwing layer (`datasets.update`) checks the
  // body itself and would refuse these before sending, so it cannot play a bad client.
  const asText = {
    bodySerializer: (body: unknown) => String(body),
    headers: { "Content-Type": "text/plain" },
  };
  const badBodies: Array<[string, unknown, object, Array<{ location: string; code: string }>]> = [
    [
      "a body not wrapped in report",
      { name: "Renamed" },
      {},
      [
        { location: "request.body", code: "required" },
        { location: "request.body", code: "additionalProperties" },
      ],
    ],
    [
      "a field of the wrong type",
      { report: { name: 42 } },
      {},
      [{ location: "request.body.report.name", code: "type" }],
    ],
    [
      "an unknown field",
      { report: { colour: "red" } },
      {},
      [{ location: "request.body.report", code: "additionalProperties" }],
    ],
    [
      "no field at all",
      { report: {} },
      {},
      [{ location: "request.body.report", code: "minProperties" }],
    ],
    [
      "an array as the report",
      { report: [] },
      {},
      [{ location: "request.body.report", code: "type" }],
    ],
    ["a text/plain body", "name=Renamed", asText, [{ location: "request", code: "415" }]],
  ];

  it.each(badBodies)("refuses an update with %s", async (_name, body, init, violations) => {
    const contract = contractClient();
    await expectRejected(
      contract,
      async () => {
        throw errorOf(await contract.client.PATCH(path, { params, body: body as never, ...init }), {
          path,
          method: "patch",
        });
      },
      { status: 400, kind: "bad_request", violations },
    );
  });
});

describe.runIf(writesAllowed)("deleteDataset", () => {
  const op = { path, method: "delete", status: [200, 204] } as const;

  it("answers 200 (or 204) with an empty body", async () => {
    const { client, lastResponse } = contractClient();
    const result = await client.DELETE(path, { params });
    await expectConforming(result, op);
    // As it came off the wire: against another server the client's rate limiter is on, and the
    // client has then read the body of the Response it hands back.
    expect(await lastResponse().text()).toBe("");
  });

  it("accepts every parameter it documents without a violation", async () => {
    const { datasets, lastResponse } = contractClient();
    await expect(
      datasets.datasets.delete({ account: ids.account, dataset: ids.dataset }),
    ).resolves.toBeUndefined();
    expect(lastResponse().headers.get("sl-violations")).toBeNull();
  });
});

// Prism serves any documented answer on request (`Prefer: code=..., example=...`): each must
// arrive without a violation and validate on our side; errors become the matching ModeApiError.
documentedAnswersSuite("getDataset", { path, method: "get" }, (client, headers) =>
  client.GET(path, { params, headers: headers }),
);

documentedAnswersSuite("updateDataset", { path, method: "patch" }, (client, headers) =>
  client.PATCH(path, {
    params,
    body: { report: { name: "Orders by region (EU)" } },
    headers: headers,
  }),
);

documentedAnswersSuite("deleteDataset", { path, method: "delete" }, (client, headers) =>
  client.DELETE(path, { params, headers: headers }),
);
