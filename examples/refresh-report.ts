// Refreshes imported Datasets in a report, then follows the run it starts until it ends.
//   npx tsx examples/refresh-report.ts [--account northwind] [--report 7f3c2a9d41b8]
//     [--dataset 5a4177a2902c ...] [--interval-ms 5000] [--timeout-ms 600000]
// Exit code: 0 when the run succeeded, 1 when it failed or was cancelled (or a call failed),
// 2 when it had not ended after --timeout-ms.
import { parseArgs } from "node:util";
import { ModeRunFailedError, ModeRunTimeoutError } from "../src/index.js";
import { exampleClient, failWith } from "./example-client.js";

const { values } = parseArgs({
  options: {
    account: { type: "string", default: "northwind" },
    report: { type: "string", default: "7f3c2a9d41b8" },
    dataset: { type: "string", multiple: true, default: ["5a4177a2902c"] },
    "interval-ms": { type: "string", default: "5000" },
    "timeout-ms": { type: "string", default: "600000" },
  },
});

try {
  const { mode } = exampleClient();
  const params = { account: values.account, report: values.report };

  // One POST, never retried: a replay would start a second run.
  const started = await mode.reports.refreshDatasets(params, values.dataset);
  console.log(
    `Refresh accepted: run ${started.token} of report ${values.report} is ${started.state}.`,
  );

  // getReportRun, polled with a growing wait until the run's state is terminal.
  let lastSeen = `${started.state}`;
  const finished = await mode.waitForRun(
    { ...params, run: started.token },
    {
      intervalMs: Number(values["interval-ms"]),
      timeoutMs: Number(values["timeout-ms"]),
      onPoll: (run, poll) => {
        if (run.state !== lastSeen) console.log(`  check ${poll}: ${run.state}`);
        lastSeen = run.state;
      },
    },
  );
  console.log(`Run ${finished.token} ended: ${finished.state}.`);
} catch (error) {
  if (error instanceof ModeRunFailedError) {
    console.log(`Run ${error.run?.token} ended: ${error.run?.state}.`);
    process.exit(1);
  }
  if (error instanceof ModeRunTimeoutError) {
    console.error(`Gave up: ${error.message}.`);
    process.exit(2);
  }
  failWith(error);
}
