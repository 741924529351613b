// Contract: openapi/paths/{account}_reports_{report}_runs_{run}.yaml (getReportRun).
import { describe, expect, it } from "vitest";
import { expectConforming } from "./contract-expectations.js";
import { againstPrism, contractClient, ids, writesAllowed } from "./contract-target.js";
import { documentedAnswersSuite } from "./documented-answers-suite.js";

const path = "/{account}/reports/{report}/runs/{run}";
const run = process.env["MODE_CONTRACT_REPORT_RUN"] || "a1f3c5e7d902";
const params = { path: { account: ids.account, report: ids.report, run } };
const op = { path, method: "get", status: 200 } as const;

describe("getReportRun", () => {
  it("answers 200 with a ReportRun that matches its schema", async () => {
    const { client } = contractClient();
    await expectConforming(await client.GET(path, { params }), op);
  });

  it("accepts every parameter it documents (its three path parameters) without a violation", async () => {
    const { client } = contractClient();
    const result = await client.GET(path, {
      params: { path: { account: ids.account, report: ids.dataset, run: "c81d5f2a9e63" } },
    });
    await expectConforming(result, op);
  });

  // The mock answers with the spec's examples: a run a refresh starts must be finished when
  // followed, or a client polling it on the mock would never stop.
  it.runIf(againstPrism && writesAllowed)(
    "shows the run a refresh started as finished when it is followed",
    async () => {
      const { client } = contractClient();
      const started = await client.POST("/{account}/reports/{report}/runs", {
        params: { path: { account: ids.account, report: ids.report } },
        body: { report: { dataset_tokens: [{ token: ids.dataset }] } },
      });
      expect(started.data?.state).toBe("enqueued");
      const followed = await client.GET(path, {
        params: { path: { account: ids.account, report: ids.report, run: started.data!.token } },
      });
      await expectConforming(followed, op);
      expect(followed.data?.token).toBe(started.data?.token);
      expect(["succeeded", "completed"]).toContain(followed.data?.state);
    },
  );
});

documentedAnswersSuite("getReportRun", { path, method: "get" }, (client, headers) =>
  client.GET(path, { params, headers: headers }),
);
