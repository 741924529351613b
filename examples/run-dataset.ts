// Runs a Dataset's query again and waits for the run to end: the way to make a Dataset fresh.
//   npx tsx examples/run-dataset.ts [--account northwind] [--dataset 5a4177a2902c]
//     [--interval-ms 2000] [--timeout-ms 600000]
// Exit code: 0 when the run succeeded, 1 when it failed or was cancelled (or a call failed),
// 2 when it had not ended after --timeout-ms.
import { parseArgs } from "node:util";
import { ModeRunFailedError, ModeRunTimeoutError } from "../src/index.js";
import { exampleClient, failWith } from "./example-client.js";

const { values } = parseArgs({
  options: {
    account: { type: "string", default: "northwind" },
    dataset: { type: "string", default: "5a4177a2902c" },
    "interval-ms": { type: "string", default: "2000" },
    "timeout-ms": { type: "string", default: "600000" },
  },
});

try {
  const { mode } = exampleClient();
  const params = { account: values.account, dataset: values.dataset };
  // One POST, never retried: a replay would run the query against the warehouse again.
  const started = await mode.datasets.run(params);
  console.log(`Run ${started.token} of Dataset ${values.dataset} started: ${started.state}.`);

  let lastSeen = `${started.state}`;
  // waitForRun checks its options (a RangeError names a bad one) and waits longer each time.
  const finished = await mode.waitForRun(
    { ...params, run: started.token },
    {
      intervalMs: Number(values["interval-ms"]),
      timeoutMs: Number(values["timeout-ms"]),
      onPoll: (run, poll) => {
        if (run.state !== lastSeen) console.log(`  poll ${poll}: ${run.state}`);
        lastSeen = run.state;
      },
    },
  );
  console.log(`Run ${finished.token} ended: ${finished.state} at ${finished.completed_at ?? "?"}.`);
} catch (error) {
  if (error instanceof ModeRunFailedError) {
    console.log(`Run ${error.run?.token} ended: ${error.run?.state}.`);
    process.exit(1);
  }
  if (error instanceof ModeRunTimeoutError) {
    console.error(error.message);
    process.exit(2);
  }
  failWith(error);
}
