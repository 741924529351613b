// Each program in examples/ run as a user would (tsx, arguments, environment) against this run's
// Prism mock; the run examples also against small loopback servers whose runs fail or never
// end, and the export against one whose Collection listing breaks, which a mock cannot do.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
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

  test("refresh-report starts a run and follows it with getReportRun until it succeeds", async () => {
    const result = await runExample("refresh-report.ts", ["--interval-ms", "1"], {
      MODE_BASE_URL: mockUrl(),
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const token = example("ReportRun").token;
    expect(result.stdout).toContain(`Refresh accepted: run ${token}`);
    expect(result.stdout).toContain(`Run ${token} ended: succeeded.`);
  });

  test("run-dataset runs the dataset and waits until the run succeeds", async () => {
    const result = await runExample("run-dataset.ts", ["--interval-ms", "1"], {
      MODE_BASE_URL: mockUrl(),
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const started = example("DatasetRunStarted");
    expect(result.stdout).toContain(
      `Run ${started.token} of Dataset 5a4177a2902c started: ${started.state}.`,
    );
    expect(result.stdout).toContain(`Run ${started.token} ended: succeeded`);
  });

  test("run-dataset refuses an interval waitForRun cannot use, naming it", async () => {
    const result = await runExample("run-dataset.ts", ["--interval-ms", "soon"], {
      MODE_BASE_URL: mockUrl(),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("waitForRun intervalMs NaN is invalid");
  });

  test("export-datasets-csv writes every dataset of every collection as csv", async () => {
    const result = await runExample("export-datasets-csv.ts", [], { MODE_BASE_URL: mockUrl() });
    expect(result.code).toBe(0);
    // The mock answers every Collection's listing with the example Datasets.
    const spaces: Json[] = example("SpaceCollection")._embedded.spaces;
    const datasets: Json[] = example("DatasetCollection")._embedded.reports;
    const lines = result.stdout.split("\r\n").filter((line) => line !== "");
    expect(lines[0]).toBe(
      "collection_token,collection_name,dataset_token,dataset_name,created_at,updated_at,last_successfully_run_at",
    );
    const rows = lines.slice(1).map((line) => line.split(",").slice(0, 3).join(","));
    const expected = spaces.flatMap((space) =>
      datasets.map((dataset) => `${space.token},${space.name},${dataset.token}`),
    );
    expect(rows.sort()).toEqual(expected.sort());
    expect(result.stderr.trim()).toBe(`${expected.length} Datasets of northwind.`);
  });

  test("export-datasets-csv writes to a file with --out", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mode-export-"));
    try {
      const out = join(dir, "datasets.csv");
      const result = await runExample("export-datasets-csv.ts", ["--out", out], {
        MODE_BASE_URL: mockUrl(),
      });
      expect(result.code).toBe(0);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain(`written to ${out}`);
      expect(readFileSync(out, "utf8").startsWith("collection_token,")).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("examples refuse a real host without credentials, before sending anything", async () => {
    const result = await runExample("list-recent-datasets.ts", [], {
      MODE_BASE_URL: "https://app.mode.com/api",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("set MODE_API_TOKEN and MODE_API_SECRET");
  });
});

describe("the run examples against a server whose run ends", () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  });

  /** Starts a loopback stand-in for Mode on a free port; `handle` answers every request. */
  async function serve(
    handle: (req: IncomingMessage, res: ServerResponse) => void,
  ): Promise<{ url: string; requests: string[] }> {
    const requests: string[] = [];
    server = createServer((req: IncomingMessage, res) => {
      requests.push(`${req.method} ${req.url}`);
      req.resume();
      res.setHeader("Content-Type", "application/hal+json");
      handle(req, res);
    });
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const address = server.address() as { port: number };
    return { url: `http://127.0.0.1:${address.port}/api`, requests };
  }

  /** The run a POST starts is `states[0]`, `states[1]`... on each getReportRun/getDatasetRun. */
  async function serveRun(states: string[]): Promise<{ url: string; requests: string[] }> {
    const run = { ...example("ReportRun"), token: "c0ffee123456", state: "pending" };
    let checks = 0;
    return serve((req, res) => {
      if (req.method === "POST") {
        res.writeHead(202).end(JSON.stringify(run));
        return;
      }
      const state = states[Math.min(checks++, states.length - 1)];
      res.writeHead(200).end(JSON.stringify({ ...run, state }));
    });
  }

  test("refresh-report follows the run until it succeeds and exits 0", async () => {
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
      Array(3).fill("GET /api/northwind/reports/9d2b7c4e1a05/runs/c0ffee123456"),
    );
  });

  test("refresh-report exits 2 when the run has not ended by --timeout-ms", async () => {
    const fake = await serveRun(["running"]);
    const result = await runExample(
      "refresh-report.ts",
      ["--interval-ms", "1", "--timeout-ms", "300"],
      { MODE_BASE_URL: fake.url },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("had not ended after timeoutMs 300");
  });

  test("run-dataset exits 1 when the dataset's run fails", async () => {
    const fake = await serveRun(["enqueued", "failed"]);
    const result = await runExample("run-dataset.ts", ["--interval-ms", "1"], {
      MODE_BASE_URL: fake.url,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("Run c0ffee123456 ended: failed.");
    expect(fake.requests[0]).toBe("POST /api/northwind/datasets/5a4177a2902c/runs");
    expect(fake.requests[1]).toBe("GET /api/northwind/datasets/5a4177a2902c/runs/c0ffee123456");
  });

  test("export-datasets-csv fails, naming the error, when a collection listing breaks halfway", async () => {
    const fake = await serve((req, res) => {
      const url = new URL(req.url ?? "/", "http://x");
      const page = Number(url.searchParams.get("page"));
      if (url.pathname === "/api/northwind/spaces") {
        const listing = example("SpaceCollection");
        if (page > 1) listing._embedded.spaces = [];
        res.writeHead(200).end(JSON.stringify(listing));
        return;
      }
      if (page === 2) {
        res.writeHead(404, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ id: "not_found", message: "Collection gone" }));
        return;
      }
      const listing = example("DatasetCollection");
      listing.pagination = { page, total_pages: 3 };
      res.writeHead(200).end(JSON.stringify(listing));
    });
    const result = await runExample("export-datasets-csv.ts", [], { MODE_BASE_URL: fake.url });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Collection gone");
  });

  test("refresh-report exits 1 when the run fails", async () => {
    const fake = await serveRun(["failed"]);
    const result = await runExample("refresh-report.ts", ["--interval-ms", "1"], {
      MODE_BASE_URL: fake.url,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("Run c0ffee123456 ended: failed.");
  });
});
