// Each program in examples/ run as a user would (tsx, arguments, environment) against this run's
// Prism mock; the refresh example also against a small loopback server whose runs really end,
// since a mock only ever lists its example runs.
import { execFile } from "node:child_process";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, test } from "vitest";
import { type Json, spec } from "../support/bundled-spec.js";
import { mockUrl } from "../support/mock-target.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const tsx = join(repoRoot, "node_modules", ".bin", "tsx");

const example = (name: string): Json => structuredClone(spec.components.examples[name].value);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `examples/<file>` with only the given environment (no credentials leak in from ours). */
async function runExample(
  file: string,
  args: string[],
  env: Record<string, string>,
): Promise<Outcome> {
  return await new Promise((resolve) => {
    execFile(
      tsx,
      [join(repoRoot, "examples", file), ...args],
      {
        cwd: repoRoot,
        env: {
          PATH: process.env["PATH"] ?? "",
          HOME: process.env["HOME"] ?? "/tmp",
          NO_COLOR: "1",
          ...env,
        },
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("examples against the mock", () => {
  test("list-recent-datasets lists the Datasets created after the date, across pages", async () => {
    const result = await runExample("list-recent-datasets.ts", ["--since", "2024-01-01"], {
      MODE_BASE_URL: mockUrl(),
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("created_at.gt.2024-01-01T00:00:00.000Z");
    // The mock answers every page with the example listing; the walk stops at the repeated page.
    const tokens: string[] = example("DatasetCollection")._embedded.reports.map(
      (d: Json) => d.token,
    );
    for (const token of tokens) expect(result.stdout).toContain(token);
    expect(result.stdout.trimEnd().endsWith(`${tokens.length} Datasets.`)).toBe(true);
  });

  test("list-recent-datasets refuses a date it cannot turn into Mode's filter", async () => {
    const result = await runExample("list-recent-datasets.ts", ["--since", "yesterday"], {
      MODE_BASE_URL: mockUrl(),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('"yesterday"');
  });

  test("rename-dataset sends the new name and prints what Mode answered", async () => {
    const result = await runExample("rename-dataset.ts", ["--name", "Quarterly revenue"], {
      MODE_BASE_URL: mockUrl(),
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Dataset ${example("Dataset").token} is called`);
    expect(result.stdout).toContain('Renamed to "Quarterly revenue"');
  });

  test("refresh-report starts a run and follows it in the run listing until it succeeds", async () => {
    const result = await runExample(
      "refresh-report.ts",
      ["--interval-ms", "1", "--max-checks", "2"],
      { MODE_BASE_URL: mockUrl() },
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Refresh accepted: run ${example("ReportRun").token}`);
  });

  test("examples refuse a real host without credentials, before sending anything", async () => {
    const result = await runExample("list-recent-datasets.ts", [], {
      MODE_BASE_URL: "https://app.mode.com/api",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("set MODE_API_TOKEN and MODE_API_SECRET");
  });
});

describe("refresh-report against a server whose run ends", () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  });

  /** A loopback stand-in for Mode: the run is listed as each of `states` in turn, one per check. */
  async function serveRun(states: string[]): Promise<{ url: string; requests: string[] }> {
    const requests: string[] = [];
    const run = { ...example("ReportRun"), token: "c0ffee123456", state: "pending" };
    const older = example("ReportRunCollection")._embedded.report_runs;
    let checks = 0;
    server = createServer((req: IncomingMessage, res) => {
      requests.push(`${req.method} ${req.url}`);
      req.resume();
      res.setHeader("Content-Type", "application/hal+json");
      if (req.method === "POST") {
        res.writeHead(202).end(JSON.stringify(run));
        return;
      }
      const state = states[Math.min(checks++, states.length - 1)];
      const listing = example("ReportRunCollection");
      listing._embedded.report_runs = [{ ...run, state }, ...older];
      res.writeHead(200).end(JSON.stringify(listing));
    });
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const address = server.address() as { port: number };
    return { url: `http://127.0.0.1:${address.port}/api`, requests };
  }

  test("follows the run until it succeeds and exits 0", async () => {
    const fake = await serveRun(["running", "running", "succeeded"]);
    const result = await runExample(
      "refresh-report.ts",
      ["--interval-ms", "1", "--report", "9d2b7c4e1a05"],
      { MODE_BASE_URL: fake.url },
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("check 1: running");
    expect(result.stdout).toContain("check 3: succeeded");
    expect(result.stdout).toContain("Run c0ffee123456 ended: succeeded.");
    expect(fake.requests[0]).toBe("POST /api/northwind/reports/9d2b7c4e1a05/runs");
    expect(fake.requests.slice(1)).toEqual(
      Array(3).fill(
        "GET /api/northwind/reports/9d2b7c4e1a05/runs?order_by=created_at&order=desc&per_page=10",
      ),
    );
  });

  test("exits 1 when the run fails", async () => {
    const fake = await serveRun(["failed"]);
    const result = await runExample("refresh-report.ts", ["--interval-ms", "1"], {
      MODE_BASE_URL: fake.url,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("Run c0ffee123456 ended: failed.");
  });
});
