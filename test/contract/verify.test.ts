// Contract: openapi/paths/verify.yaml (verifyCredentials).
import { describe, it } from "vitest";
import { documentedAnswersSuite } from "./documented-answers-suite.js";
import { errorOf, expectConforming, expectRejected } from "./contract-expectations.js";
import { contractClient, withoutCredentials } from "./contract-target.js";

const path = "/verify";
const op = { path, method: "get", status: 200 } as const;

describe("verifyCredentials", () => {
  it("answers 200 with a Verification that matches its schema", async () => {
    const { client } = contractClient();
    await expectConforming(await client.GET(path), op);
  });

  it("accepts every parameter it documents (none: the path has no account) without a violation", async () => {
    const { client } = contractClient();
    await expectConforming(await client.GET(path, {}), op);
  });

  it("resolves through the throwing layer with what the credentials belong to", async () => {
    const contract = contractClient();
    const verification = await contract.datasets.verify();
    await expectConforming({ data: verification, response: contract.lastResponse() }, op);
  });

  it("answers 401 without credentials (transport strips them)", async () => {
    const contract = contractClient({ fetch: withoutCredentials });
    await expectRejected(
      contract,
      async () => {
        throw errorOf(await contract.client.GET(path), { path, method: "get" });
      },
      { status: 401, kind: "unauthorized", violations: [{ location: "request", code: "401" }] },
    );
  });
});

documentedAnswersSuite("verifyCredentials", { path, method: "get" }, (client, headers) =>
  client.GET(path, { headers: headers }),
);
