// Refreshes imported Datasets in a report, then follows the run it starts until it ends.
//   npx tsx examples/refresh-report.ts [--account northwind] [--report 7f3c2a9d41b8]
//     [--dataset 5a4177a2902c ...] [--interval-ms 5000] [--max-checks 60]
// Exit code: 0 when the run succeeded, 1 when it failed or was cancelled (or a call failed),
// 2 when it had not ended after --max-checks checks.
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { orderBy, type ReportRun } from "../src/index.js";
import { exampleClient, failWith } from "./example-client.js";

const { values } = parseArgs({
  options: {
    account: { type: "string", default: "northwind" },
    report: { type: "string", default: "7f3c2a9d41b8" },
    dataset: { type: "string", multiple: true, default: ["5a4177a2902c"] },
    "interval-ms": { type: "string", default: "5000" },
    "max-checks": { type: "string", default: "60" },
  },
});

const terminal = new Set(["succeeded", "completed", "failed", "cancelled"]);
const success = new Set(["succeeded", "completed"]);

function wholeNumber(name: string, raw: string, min: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(
      `--${name} must be a whole number of at least ${min}, got ${JSON.stringify(raw)}`,
    );
  return value;
}

try {
  const intervalMs = wholeNumber("interval-ms", values["interval-ms"], 0);
  const maxChecks = wholeNumber("max-checks", values["max-checks"], 1);
  const { mode, mocked } = exampleClient();
  const params = { account: values.account, report: values.report };

  // One POST, never retried: a replay would start a second run.
  const started = await mode.reports.refreshDatasets(params, values.dataset);
  console.log(
    `Refresh accepted: run ${started.token} of report ${values.report} is ${started.state}.`,
  );

  let run: ReportRun | undefined = started;
  let lastSeen = `${started.state}`;
  for (let check = 1; !terminal.has(run?.state ?? "") && check <= maxChecks; check++) {
    await sleep(intervalMs);
    // There is no "get one run" operation among the Datasets endpoints: the newest runs are listed
    // and ours is picked out by its token.
    const runs = await mode.reports.listRuns({
      ...params,
      ...orderBy("created_at", "desc"),
      per_page: 10,
    });
    run = runs.find((candidate) => candidate.token === started.token);
    const seen = run ? run.state : "not listed yet";
    if (seen !== lastSeen) console.log(`  check ${check}: ${seen}`);
    lastSeen = seen;
  }

  if (run && terminal.has(run.state)) {
    console.log(`Run ${run.token} ended: ${run.state}.`);
    process.exit(success.has(run.state) ? 0 : 1);
  }
  console.error(`Gave up after ${maxChecks} checks: run ${started.token} is ${lastSeen}.`);
  if (mocked)
    console.error(
      "(A mock lists its example runs, not the one it just started, so it never ends there.)",
    );
  process.exit(2);
} catch (error) {
  failWith(error);
}
