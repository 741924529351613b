// The contract suite pointed at another server with MODE_CONTRACT_BASE_URL: here a validating
// Prism proxy in front of a stand-in for Mode (a Prism mock behind the kit's front layer, which
// records every request reaching "Mode"). Read-only unless MODE_CONTRACT_ALLOW_WRITES=1.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPrism, type PrismServer } from "../../kit/prism/launcher.js";
import { type Front, startFront } from "../../kit/front/front.js";
import { spec } from "../support/bundled-spec.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

let mode: PrismServer;
let modeFront: Front;

beforeAll(async () => {
  mode = await startPrism({ mode: "mock" });
  modeFront = await startFront({ mode: "contract", prism: mode.baseUrl, spec });
});

afterAll(async () => {
  await modeFront?.close(0);
  await mode?.stop();
});

/** Runs `vitest run test/contract` in a child process against a fresh proxy; returns what "Mode" saw. */
async function runSuite(
  env: Record<string, string>,
): Promise<{ code: number; output: string; methods: Set<string> }> {
  const proxy = await startPrism({ mode: "proxy", upstream: modeFront.baseUrl });
  const before = modeFront.exchanges.length;
  try {
    const child = spawn(
      process.execPath,
      [
        join("node_modules", "vitest", "vitest.mjs"),
        "run",
        "test/contract",
        "--typecheck.enabled=false",
      ],
      {
        cwd: root,
        env: {
          ...process.env,
          MODE_CONTRACT_BASE_URL: proxy.baseUrl,
          MODE_API_TOKEN: "external-token",
          MODE_API_SECRET: "external-secret",
          MODE_CONTRACT_ALLOW_WRITES: "",
          NO_COLOR: "1",
          ...env,
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number>((resolve) =>
      child.once("close", (c) => resolve(c ?? 128)),
    );
    const methods = new Set(modeFront.exchanges.slice(before).map((e) => e.method));
    return { code, output, methods };
  } finally {
    await proxy.stop();
  }
}

// One after the other: both runs share the stand-in for Mode and count its requests.
describe("the contract suite against another server", { timeout: 120_000 }, () => {
  it("runs only read operations there by default, and passes through a validating proxy", async () => {
    const { code, output, methods } = await runSuite({});
    expect(output).toMatch(/Tests\s+\d+ passed \| \d+ skipped/);
    expect(code, output).toBe(0);
    expect([...methods]).toEqual(["GET"]);
  });

  it("also runs the writes with MODE_CONTRACT_ALLOW_WRITES=1", async () => {
    const { code, output, methods } = await runSuite({ MODE_CONTRACT_ALLOW_WRITES: "1" });
    expect(code, output).toBe(0);
    expect([...methods].sort()).toEqual(["DELETE", "GET", "PATCH", "POST"]);
  });
});
