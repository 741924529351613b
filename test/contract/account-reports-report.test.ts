// Contract: openapi/paths/{account}_reports_{report}.yaml (getReport, updateReport, deleteReport).
import { describe, expect, it } from "vitest";
import { errorOf, expectConforming, expectRejected } from "./contract-expectations.js";
import { contractClient, ids, withoutCredentials, writesAllowed } from "./contract-target.js";
import { documentedAnswersSuite } from "./documented-answers-suite.js";

const path = "/{account}/reports/{report}";
const params = { path: { account: ids.account, report: ids.report } };

describe("getReport", () => {
  const op = { path, method: "get", status: 200 } as const;

  it("answers 200 with a Report that matches its schema", async () => {
    const { client } = contractClient();
    await expectConforming(await client.GET(path, { params }), op);
  });

  it("accepts every parameter it documents (its path parameters, a Dataset's token as the report) without a violation", async () => {
    const { client } = contractClient();
    await expectConforming(
      await client.GET(path, { params: { path: { account: ids.account, report: ids.dataset } } }),
      op,
    );
  });

  it("is refused without credentials (transport strips them)", async () => {
    const contract = contractClient({ fetch: withoutCredentials });
    await expectRejected(
      contract,
      async () => {
        throw errorOf(await contract.client.GET(path, { params }), { path, method: "get" });
      },
      { status: 401, kind: "unauthorized", violations: [{ location: "request", code: "401" }] },
    );
  });
});

describe.runIf(writesAllowed)("updateReport", () => {
  const op = { path, method: "patch", status: [200, 202] } as const;

  it("answers 200 with the Report after a move to another Collection", async () => {
    const { client } = contractClient();
    await expectConforming(
      await client.PATCH(path, { params, body: { report: { space_token: "c07d5e2a8b31" } } }),
      op,
    );
  });

  it("accepts every field it documents without a violation", async () => {
    const { client } = contractClient();
    const body = {
      report: {
        name: "Weekly regional sales (EMEA)",
        description: "Orders and revenue in EMEA, week over week.",
        space_token: ids.space,
      },
    };
    await expectConforming(await client.PATCH(path, { params, body }), op);
  });

  const badBodies: Array<[string, unknown, Array<{ location: string; code: string }>]> = [
    [
      "a body not wrapped in report",
      { name: "Renamed" },
      [
        { location: "request.body", code: "required" },
        { location: "request.body", code: "additionalProperties" },
      ],
    ],
    [
      "an unknown field",
      { report: { title: "Renamed" } },
      [{ location: "request.body.report", code: "additionalProperties" }],
    ],
    [
      "no field at all",
      { report: {} },
      [{ location: "request.body.report", code: "minProperties" }],
    ],
    [
      "an empty name",
      { report: { name: "" } },
      [{ location: "request.body.report.name", code: "minLength" }],
    ],
  ];

  it.each(badBodies)("refuses an update with %s", async (_name, body, violations) => {
    const contract = contractClient();
    await expectRejected(
      contract,
      async () => {
        throw errorOf(await contract.client.PATCH(path, { params, body: body as never }), {
          path,
          method: "patch",
        });
      },
      { status: 400, kind: "bad_request", violations },
    );
  });
});

describe.runIf(writesAllowed)("deleteReport", () => {
  const op = { path, method: "delete", status: 200 } as const;

  it("answers 200 with an empty body", async () => {
    const { client, lastResponse } = contractClient();
    const result = await client.DELETE(path, { params });
    await expectConforming(result, op);
    // As it came off the wire: against another server the client's rate limiter is on, and the
    // client has then read the body of the Response it hands back.
    expect(await lastResponse().text()).toBe("");
  });

  it("accepts every parameter it documents (its path parameters, another report) without a violation", async () => {
    const { client } = contractClient();
    await expectConforming(
      await client.DELETE(path, {
        params: { path: { account: ids.account, report: "e4a81f06c2d9" } },
      }),
      op,
    );
  });
});

documentedAnswersSuite("getReport", { path, method: "get" }, (client, headers) =>
  client.GET(path, { params, headers }),
);

documentedAnswersSuite("updateReport", { path, method: "patch" }, (client, headers) =>
  client.PATCH(path, { params, body: { report: { name: "Weekly regional sales" } }, headers }),
);

documentedAnswersSuite("deleteReport", { path, method: "delete" }, (client, headers) =>
  client.DELETE(path, { params, headers }),
);
