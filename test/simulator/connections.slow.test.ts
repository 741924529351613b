// A thousand connections at once over 127.0.0.1 from another process, as a client that opens
// them all together would: every one is answered (40 admitted, the rest 429), and the verdict
// is the right one, a warning for going over the limit and no Retry-After ignored, since every
// request was on its way before any 429 could be read.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, expect, it } from "vitest";
import { createEngine } from "../../kit/simulator/engine.js";
import { serveSimulator, type SimulatorServer } from "../../kit/simulator/http/serve.js";
import { basic } from "./support/clients.js";

const run = promisify(execFile);

/** Opens COUNT connections to PORT at once, one GET each, and prints each answer's status. */
const FLOOD = `
import { connect } from "node:net";
const statuses = await Promise.all(Array.from({ length: Number(process.env.COUNT) }, () => new Promise((resolve) => {
  const socket = connect(Number(process.env.PORT), "127.0.0.1");
  let received = "";
  socket.on("data", (data) => { received += data.toString("latin1"); });
  socket.on("error", () => {});
  socket.on("close", () => resolve(/^HTTP\\/1\\.1 (\\d+)/.exec(received)?.[1] ?? "none"));
  socket.write("GET /api/verify HTTP/1.1\\r\\nHost: x\\r\\nAuthorization: " + process.env.AUTH + "\\r\\nConnection: close\\r\\n\\r\\n");
})));
console.log(JSON.stringify(statuses));
`;

let server: SimulatorServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

it("answers a thousand concurrent connections from another process, each with 200 or 429", async () => {
  const engine = createEngine();
  server = await serveSimulator(engine);
  // Its own process, as a real client is: its requests are all on their way at once, and the
  // simulator, busy with the burst, reads them late without taking them for retries.
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", FLOOD], {
    env: { ...process.env, PORT: String(server.port), AUTH: basic(), COUNT: "1000" },
    timeout: 100_000,
  });
  const statuses: string[] = JSON.parse(stdout);
  expect(statuses.filter((s) => s === "200")).toHaveLength(40);
  expect(statuses.filter((s) => s === "429")).toHaveLength(960);
  const report = engine.report();
  const found = report.findings.map(
    (f) => `${f.rule}: ${f.message} ${JSON.stringify(f.evidence.slice(0, 3))}`,
  );
  expect(found).toEqual([expect.stringMatching(/^rate-limit\/exceeded: /)]);
  expect(report.verdict).toBe("pass");
}, 120_000);
