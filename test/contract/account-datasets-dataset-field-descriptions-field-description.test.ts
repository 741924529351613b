// Contract: openapi/paths/{account}_datasets_{dataset}_field_descriptions_{field_description}.yaml
// (updateFieldDescription, deleteFieldDescription).
import { describe, it } from "vitest";
import { errorOf, expectConforming, expectRejected } from "./contract-expectations.js";
import { type ContractClient, contractClient, ids, writesAllowed } from "./contract-target.js";
import { documentedAnswersSuite } from "./documented-answers-suite.js";

const path = "/{account}/datasets/{dataset}/field_descriptions/{field_description}";
const fieldDescription = process.env["MODE_CONTRACT_FIELD_DESCRIPTION"] || "8b1f3e6a0d27";
const params = {
  path: { account: ids.account, dataset: ids.dataset, field_description: fieldDescription },
};

describe.runIf(writesAllowed)("updateFieldDescription", () => {
  const op = { path, method: "patch", status: 200 } as const;

  it("answers 200 with the FieldDescription after the change", async () => {
    const { client } = contractClient();
    const body = { desc: "Order total in US dollars, after discounts and before tax." };
    await expectConforming(await client.PATCH(path, { params, body }), op);
  });

  it("accepts every field it documents, wrapped in field_description, without a violation", async () => {
    const { client } = contractClient();
    const body = { field_description: { desc: "Order total in US dollars, before tax." } };
    await expectConforming(await client.PATCH(path, { params, body }), op);
  });

  const badBodies: Array<[string, unknown, Array<{ location: string; code: string }>]> = [
    ["an empty body", {}, [{ location: "request.body", code: "oneOf" }]],
    [
      "a column name, which an update cannot change",
      { name: "total", desc: "Order total" },
      [{ location: "request.body", code: "oneOf" }],
    ],
    [
      "an empty desc",
      { field_description: { desc: "" } },
      [{ location: "request.body.field_description.desc", code: "minLength" }],
    ],
  ];

  it.each(badBodies)("refuses a change with %s", async (_name, body, violations) => {
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

// Mode's Swagger says a delete answers with the deleted description. Our client never reads a
// DELETE's body (nothing needs it), so the answer is checked as it came off the wire.
async function deleted(contract: ContractClient, init: { params: typeof params }) {
  const result = await contract.client.DELETE(path, init);
  if (!result.response.ok) return result;
  return { ...result, data: await contract.lastResponse().json() };
}

describe.runIf(writesAllowed)("deleteFieldDescription", () => {
  const op = { path, method: "delete", status: 200 } as const;

  it("answers 200 with the FieldDescription it deleted", async () => {
    await expectConforming(await deleted(contractClient(), { params }), op);
  });

  it("accepts every parameter it documents (its three path parameters) without a violation", async () => {
    const other = { path: { ...params.path, field_description: "4d7a1c9e2b60" } };
    await expectConforming(await deleted(contractClient(), { params: other }), op);
  });
});

documentedAnswersSuite("updateFieldDescription", { path, method: "patch" }, (client, headers) =>
  client.PATCH(path, { params, body: { desc: "Order total in US dollars." }, headers }),
);

documentedAnswersSuite(
  "deleteFieldDescription",
  { path, method: "delete" },
  async (client, headers, contract) => {
    const result = await client.DELETE(path, { params, headers });
    if (!result.response.ok) return result;
    return { ...result, data: await contract.lastResponse().json() };
  },
);
