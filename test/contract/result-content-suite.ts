// The contract every result-content path keeps, defined once: the rows arrive in the documented
// media type and validate, every parameter is accepted, and (on our mock) every documented answer
// is served clean. The four content files say only their path, parameters and format. These
// paths are not HAL: the request says which type it takes, and `application/json` for errors.
import { describe, expect, it } from "vitest";
import { expectConforming, expectDocumentedAnswer, preferAnswer } from "./contract-expectations.js";
import { againstPrism, type ContractClient, contractClient } from "./contract-target.js";
import { documentedAnswerCases } from "./validate-response.js";

type ContentPath =
  | "/{account}/reports/{report}/runs/{run}/results/content.csv"
  | "/{account}/reports/{report}/runs/{run}/results/content.json"
  | "/{account}/reports/{report}/runs/{run}/query_runs/{query_run}/results/content.csv"
  | "/{account}/reports/{report}/runs/{run}/query_runs/{query_run}/results/content.json";

export interface ResultContentContract {
  operationId: string;
  path: ContentPath;
  pathParams: Record<string, string>;
  /** Another run (or query run) to ask for: the all-parameters case. */
  otherPathParams: Record<string, string>;
  format: "csv" | "json";
}

const mediaTypeOf = { csv: "text/csv", json: "application/json" } as const;

export function describeResultContent(content: ResultContentContract): void {
  const { operationId, path, format } = content;
  const mediaType = mediaTypeOf[format];
  const op = { path, method: "get", status: 200, mediaType } as const;
  // One cast, here: the path is a union, and openapi-fetch types each literal path on its own.
  const get = (
    client: ContractClient["client"],
    pathParams: Record<string, string>,
    headers: Record<string, string> = {},
  ) =>
    (client.GET as (p: string, init: object) => ReturnType<ContractClient["client"]["GET"]>)(path, {
      params: { path: pathParams },
      headers: { Accept: `${mediaType}, application/json;q=0.9`, ...headers },
      parseAs: format === "csv" ? "text" : "json",
    });

  describe(operationId, () => {
    it(`answers 200 with the rows as ${mediaType}`, async () => {
      const result = await get(contractClient().client, content.pathParams);
      await expectConforming(result, op);
      if (format === "csv") {
        const [header, ...rows] = String(result.data).trimEnd().split("\n");
        expect(header).toMatch(/^[^,\n]+(,[^,\n]+)*$/);
        expect(rows.length).toBeGreaterThan(0);
      } else {
        expect(Array.isArray(result.data)).toBe(true);
      }
    });

    it("accepts every parameter it documents (its path parameters, another run) without a violation", async () => {
      await expectConforming(await get(contractClient().client, content.otherPathParams), op);
    });
  });

  describe.runIf(againstPrism)(`every documented answer of ${operationId}`, () => {
    // A ZIP is binary and described without a schema, which leaves Prism nothing to answer with
    // (it fails with 500 "Cannot find serializer for application/zip"); Mode's ZIP answers are
    // left to tests against a server that sends real archives.
    const answers = documentedAnswerCases(path, "get").filter(
      ([, answer]) => answer.mediaType !== "application/zip",
    );
    it.each(answers)("serves %s without a violation", async (_label, answer) => {
      const result = await get(contractClient().client, content.pathParams, preferAnswer(answer));
      await expectDocumentedAnswer(result, { path, method: "get" }, answer);
    });
  });
}
