// The client runs in browsers: src/ bundled by esbuild for the browser (no Node built-ins can
// sneak in), loaded by a page served from 127.0.0.1, calling the Prism mock on another origin
// (Prism answers CORS preflights), with Basic credentials, filters and pagination.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Metafile } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { serveDirectory, type StaticServer } from "../../site/static-server.js";
import { launchChromium } from "./chromium.js";
import { openWatchedPage, type PageWatch } from "./page-watch.js";
import { mockUrl } from "../support/mock-target.js";

const entry = fileURLToPath(new URL("../../src/index.ts", import.meta.url));

let dir: string | undefined;
let server: StaticServer | undefined;
let browser: Browser | undefined;
let page: Page;
let watch: PageWatch;
let bundleBytes = 0;

beforeAll(async () => {
  mockUrl(); // fails at once, with the setup's reason, when there is no mock
  dir = await mkdtemp(join(tmpdir(), "mode-datasets-browser-"));
  // Split as an application's bundler splits: the parsers of a run's rows are dynamic imports,
  // their own chunks, loaded only when rows are read.
  const result = await build({
    entryPoints: { "mode-datasets": entry },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    outdir: dir,
    write: true,
    metafile: true,
    logLevel: "silent",
  });
  bundleBytes = staticBytes(result.metafile.outputs, join(dir, "mode-datasets.js"));
  await writeFile(
    join(dir, "index.html"),
    '<!DOCTYPE html><meta charset="utf-8"><link rel="icon" href="data:,"><title>client</title>',
  );
  server = await serveDirectory(dir);
  browser = await launchChromium();
  ({ page, watch } = await openWatchedPage(browser, `${server.url}/`));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

type Outputs = Metafile["outputs"];

/** The bytes a page loads for the entry itself: it and the chunks it imports statically. */
function staticBytes(outputs: Outputs, entryFile: string): number {
  const byAbsolute = new Map(Object.entries(outputs).map(([file, out]) => [resolve(file), out]));
  const seen = new Set<string>();
  const visit = (file: string): number => {
    const output = byAbsolute.get(file);
    if (!output || seen.has(file)) return 0;
    seen.add(file);
    return output.imports
      .filter((imported) => imported.kind === "import-statement")
      .reduce((sum, imported) => sum + visit(resolve(imported.path)), output.bytes);
  };
  return visit(resolve(entryFile));
}

/** Runs `body` in the page with the bundle's exports as `mode` and the mock's URL as `baseUrl`. */
async function inPage<T>(body: string): Promise<T> {
  // Passed as a string: vitest rewrites `import()` in test code, and the page must load the bundle
  // itself, as a browser application would.
  return (await page.evaluate(
    `(async () => { const mode = await import("/mode-datasets.js"); const baseUrl = ${JSON.stringify(mockUrl())}; ${body} })()`,
  )) as T;
}

describe("the client in a browser", () => {
  test("bundles for the browser without Node built-ins", () => {
    // esbuild fails on node: imports when platform is browser, so getting here is the check;
    // the size of what the entry loads guards against a dependency pulled in by mistake.
    expect(bundleBytes).toBeGreaterThan(1_000);
    expect(bundleBytes).toBeLessThan(200_000);
  });

  test("gets a Dataset from the mock on another origin, with Basic credentials", async () => {
    const dataset = await inPage<{ token: string; type: string }>(`
      const client = mode.createModeDatasets({ baseUrl, token: "browser-token", secret: "browser-secret" });
      const d = await client.datasets.get({ account: "northwind", dataset: "5a4177a2902c" });
      return { token: d.token, type: d.type };
    `);
    expect(dataset).toEqual({ token: "5a4177a2902c", type: "DatasetReport" });
  });

  test("walks a filtered listing and renames a Dataset through the typed client", async () => {
    const outcome = await inPage<{ tokens: string[]; status: number }>(`
      const client = mode.createModeDatasets({ baseUrl, token: "browser-token", secret: "browser-secret" });
      const tokens = [];
      for await (const d of client.datasets.iterateForSpace({
        account: "northwind", space: "8f2c6d1e9b4a", filter: mode.createdAfter("2024-01-01"), ...mode.orderBy("created_at", "asc"),
      })) tokens.push(d.token);
      const { response } = await client.client.PATCH("/{account}/datasets/{dataset}", {
        params: { path: { account: "northwind", dataset: "5a4177a2902c" } },
        body: { report: { name: "Renamed in a browser" } },
      });
      return { tokens, status: response.status };
    `);
    // The mock repeats its example page for every page number; the walk stops at the repeat.
    expect(outcome.tokens).toEqual(["5a4177a2902c", "b91e0d3c5f7a"]);
    // Prism (with --errors) validates the body: a 200 means the strict request schema held.
    expect(outcome.status).toBe(200);
  });

  test("reads a Dataset's rows in CSV and JSON, its parsers loaded on first use", async () => {
    const read = await inPage<{ columns: string[][]; counts: number[] }>(`
      const client = mode.createModeDatasets({ baseUrl, token: "browser-token", secret: "browser-secret" });
      const columns = [];
      const counts = [];
      for (const format of ["csv", "json"]) {
        const rows = await client.datasets.results({ account: "northwind", dataset: "5a4177a2902c", format });
        let count = 0;
        for await (const row of rows) if (Object.keys(row).join() === rows.columns.join()) count++;
        columns.push(rows.columns);
        counts.push(count);
      }
      return { columns, counts };
    `);
    expect(read.columns[0]?.length).toBeGreaterThan(0);
    expect(read.columns[1]).toEqual(read.columns[0]);
    for (const count of read.counts) expect(count).toBeGreaterThan(0);
  });

  test("turns a refused request into a ModeApiError in the browser too", async () => {
    const error = await inPage<{ name: string; status: number; kind: string }>(`
      const client = mode.createModeDatasets({ baseUrl, token: "browser-token", secret: "browser-secret" });
      try {
        await client.reports.listRuns({ account: "northwind", report: "7f3c2a9d41b8", filter: "created_at.gt.yesterday" });
        return { name: "none", status: 0, kind: "" };
      } catch (e) {
        return { name: e.name, status: e.status, kind: e.kind };
      }
    `);
    // Prism refuses the malformed filter with the operation's documented 400.
    expect(error).toEqual({ name: "ModeBadRequestError", status: 400, kind: "bad_request" });
  });

  test("only ever talked to 127.0.0.1 and logged no error but the refused request", () => {
    expect(watch.foreign).toEqual([]);
    expect(watch.local.some((url) => url.startsWith(mockUrl()))).toBe(true);
    // The 400 of the test above is logged by Chromium as a failed resource load; nothing else is.
    expect(watch.errors).toEqual([
      expect.stringMatching(/status of 400 .*filter=created_at\.gt\.yesterday/),
    ]);
  });
});
