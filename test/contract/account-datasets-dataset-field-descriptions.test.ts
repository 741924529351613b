// Contract: openapi/paths/{account}_datasets_{dataset}_field_descriptions.yaml
// (listFieldDescriptions, createFieldDescription).
import { describe, it } from "vitest";
import { errorOf, expectConforming, expectRejected } from "./contract-expectations.js";
import { contractClient, ids, writesAllowed } from "./contract-target.js";
import { documentedAnswersSuite } from "./documented-answers-suite.js";
import { badPaging } from "./listing-cases.js";
import { describeListingContract } from "./listing-suite.js";

const path = "/{account}/datasets/{dataset}/field_descriptions";
const params = { path: { account: ids.account, dataset: ids.dataset } };

describeListingContract({
  operationId: "listFieldDescriptions",
  path,
  pathParams: params.path,
  collection: "FieldDescriptionCollection",
  itemsKey: "field_descriptions",
  goodQueries: [["page and per_page (its only query parameters)", { page: 1, per_page: 30 }]],
  badQueries: badPaging,
});

describe.runIf(writesAllowed)("createFieldDescription", () => {
  const op = { path, method: "post", status: 200 } as const;

  it("answers 200 with the new FieldDescription for a body at the top level", async () => {
    const { client } = contractClient();
    const body = { name: "region", desc: "Shipping region of the order, from the regions table." };
    await expectConforming(await client.POST(path, { params, body }), op);
  });

  it("accepts every field it documents, wrapped in field_description, without a violation", async () => {
    const { client } = contractClient();
    const body = {
      field_description: { name: "total_usd", desc: "Order total in US dollars, before tax." },
    };
    await expectConforming(await client.POST(path, { params, body }), op);
  });

  // Raw openapi-fetch client with type casts, to play a bad client.
  const badBodies: Array<[string, unknown, Array<{ location: string; code: string }>]> = [
    ["no desc", { name: "region" }, [{ location: "request.body", code: "required" }]],
    [
      "description instead of desc",
      { name: "region", description: "Shipping region" },
      [{ location: "request.body", code: "additionalProperties" }],
    ],
    [
      "an unknown field beside name and desc",
      { name: "region", desc: "Shipping region", column: "region" },
      [{ location: "request.body", code: "additionalProperties" }],
    ],
    [
      "a desc over 350 characters",
      { name: "region", desc: "x".repeat(351) },
      [{ location: "request.body.desc", code: "maxLength" }],
    ],
    [
      "both shapes at once",
      { field_description: { name: "region", desc: "Shipping region" }, name: "region" },
      [{ location: "request.body", code: "oneOf" }],
    ],
  ];

  it.each(badBodies)("refuses a new description with %s", async (_name, body, violations) => {
    const contract = contractClient();
    await expectRejected(
      contract,
      async () => {
        throw errorOf(await contract.client.POST(path, { params, body: body as never }), {
          path,
          method: "post",
        });
      },
      { status: 400, kind: "bad_request", violations },
    );
  });
});

documentedAnswersSuite("createFieldDescription", { path, method: "post" }, (client, headers) =>
  client.POST(path, {
    params,
    body: { name: "region", desc: "Shipping region of the order, from the regions table." },
    headers,
  }),
);
