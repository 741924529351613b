// The rendered API reference, checked the way a reader sees it: `npm run docs` output served from
// 127.0.0.1 and opened in headless Chromium. Every operation and the main schemas must render
// with their code samples, and the page must neither log errors nor reach beyond 127.0.0.1.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildDocs, docsDir, docsTitle } from "../../site/docs-builder.js";
import { serveDirectory, type StaticServer } from "../../site/static-server.js";
import { launchChromium } from "./chromium.js";
import { openWatchedPage, type PageWatch } from "./page-watch.js";

interface CodeSample {
  lang: string;
  label?: string;
  source: string;
}

interface DocumentedOperation {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  tag: string;
  statuses: string[];
  samples: CodeSample[];
}

// biome-ignore lint/suspicious/noExplicitAny: the spec is walked by its OpenAPI shape, untyped on purpose
type Json = any;
const spec: Json = JSON.parse(
  await readFile(new URL("../../generated/openapi.json", import.meta.url), "utf8"),
);

const operations: DocumentedOperation[] = Object.entries(
  spec.paths as Record<string, Json>,
).flatMap(([path, item]) =>
  ["get", "post", "patch", "put", "delete"]
    .filter((method) => item[method] !== undefined)
    .map((method) => {
      const op = item[method];
      return {
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        summary: op.summary,
        tag: op.tags[0],
        statuses: Object.keys(op.responses),
        samples: op["x-codeSamples"] ?? [],
      };
    }),
);

/** The models a reader looks for; each must render with its required properties. */
const mainSchemas = [
  "Dataset",
  "DatasetCollection",
  "Report",
  "ReportCollection",
  "ReportRun",
  "ReportRunCollection",
  "UpdateDatasetRequest",
  "RefreshDatasetsRequest",
  "ModeError",
  "Pagination",
  "Link",
];

const introduction = [
  "Authentication",
  "Rate limits",
  "HAL envelopes",
  "Filters and ordering",
  "Pagination",
];

// Redoc 3 gives every operation and schema a section whose id is also its URL fragment.
const sectionId = (group: string, name: string): string =>
  `${group.toLowerCase()}/${name.toLowerCase()}`;

const viewport = { width: 1400, height: 1000 };
let server: StaticServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
  // Always rebuilt, so the page under test is the current spec rendered by `npm run docs`.
  await buildDocs();
  server = await serveDirectory(docsDir);
  browser = await launchChromium();
  ({ context, page, watch } = await openWatchedPage(browser, `${server.url}/`, { viewport }));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a section by its fragment; resolves once its heading is on screen. */
async function openSection(id: string, title: string): Promise<Locator> {
  await page.goto(`${server?.url}/#/${id}`);
  const section = page.locator(`[id="${id}"]`);
  const heading = section.getByRole("heading", { name: titled(title) }).first();
  await heading.waitFor({ state: "visible" });
  // Redoc renders the neighbours of the current section too, and swaps views as it scrolls:
  // wait until the fragment has brought this heading into the viewport and a frame is painted.
  await heading.evaluate(
    (element) =>
      new Promise<void>((resolve) => {
        const check = (): void => {
          const top = element.getBoundingClientRect().top;
          if (top >= 0 && top < window.innerHeight) requestAnimationFrame(() => resolve());
          else requestAnimationFrame(check);
        };
        check();
      }),
  );
  return section;
}

/** Picks a code sample language in the section's request panel (the choice is page-wide). */
async function chooseLanguage(section: Locator, label: string): Promise<void> {
  const current = section.getByRole("button", { name: /^(curl|TypeScript)$/ }).first();
  if ((await current.innerText()).trim() === label) return;
  await current.click();
  await page
    .locator('[data-component-name="Dropdown/DropdownMenuItem"]:visible', { hasText: label })
    .first()
    .click();
  await section
    .getByRole("button", { name: label, exact: true })
    .first()
    .waitFor({ state: "visible" });
}

// Redoc puts a "link to <title>" anchor inside each heading, so a heading's accessible name
// ends with its visible text rather than equalling it.
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const titled = (text: string): RegExp => new RegExp(`(^|\\s)${escapeRegExp(text)}$`);

/** Non-empty trimmed lines, so code blocks compare regardless of indentation and wrapping. */
const lines = (text: string): string[] =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");

describe("the rendered API reference", () => {
  test("describes all eight operations (the spec this page is built from)", () => {
    expect(operations.map((op) => op.operationId).sort()).toEqual([
      "deleteDataset",
      "getDataset",
      "listDatasetsForDataSource",
      "listDatasetsForSpace",
      "listReportRuns",
      "listReportsForDataset",
      "refreshDatasetsInReport",
      "updateDataset",
    ]);
  });

  test("has the title and an introduction to auth, rate limits, HAL, filters and pagination", async () => {
    await page.goto(`${server?.url}/`);
    expect(await page.title()).toBe(docsTitle);
    await page
      .getByRole("heading", { level: 1, name: /Mode Datasets API/ })
      .waitFor({ state: "visible" });
    for (const heading of introduction) {
      await page
        .getByRole("heading", { name: titled(heading) })
        .first()
        .waitFor({ state: "visible" });
    }
  });

  test.each(operations.map((op) => [op.operationId, op] as const))(
    "renders %s with its method, path, responses and curl and TypeScript samples",
    async (_, op) => {
      const section = await openSection(sectionId(op.tag, op.operationId), op.summary);
      const heading = section.getByRole("heading", { name: titled(op.summary) });
      // The fragment scrolled the reader to this operation.
      const box = await heading.boundingBox();
      expect(box?.y).toBeGreaterThanOrEqual(0);
      expect(box?.y).toBeLessThan(viewport.height);

      const text = await section.innerText();
      expect(text).toContain(op.method);
      expect(text).toContain(op.path);
      for (const status of op.statuses) expect(text).toContain(status);

      expect(op.samples.map((sample) => sample.label ?? sample.lang)).toEqual([
        "curl",
        "TypeScript",
      ]);
      for (const sample of op.samples) {
        const label = sample.label ?? sample.lang;
        await chooseLanguage(section, label);
        const shown = section
          .locator("pre", { hasText: lines(sample.source)[0] as string })
          .first();
        await shown.waitFor({ state: "visible" });
        expect(lines(await shown.innerText()), `${label} sample of ${op.operationId}`).toEqual(
          lines(sample.source),
        );
      }
    },
  );

  test.each(mainSchemas)("renders the %s schema with its properties", async (name) => {
    const schema = spec.components.schemas[name];
    expect(schema, `${name} is not in components.schemas`).toBeDefined();
    const section = await openSection(sectionId("schemas", name), name);
    const text = await section.innerText();
    for (const property of Object.keys(schema.properties ?? {})) expect(text).toContain(property);
  });

  test("saves a screenshot sheet of the overview, every operation and the main schemas", async () => {
    // Redoc 3 renders the part of the reference being read, so one full-page capture cannot show
    // it all: each page is captured on its own (build/docs/screenshots/) and tiled into one sheet.
    const shots: { caption: string; file: string; png: Buffer }[] = [];
    const capture = async (caption: string, name: string): Promise<void> => {
      // Redoc sometimes repaints the whole page white for a frame or two after a navigation;
      // a blank page compresses to a few kilobytes, a rendered one to well over 100.
      let png = await page.screenshot();
      for (let attempt = 0; attempt < 10 && png.length < 30_000; attempt++) {
        await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
        png = await page.screenshot();
      }
      expect(png.length, `screenshot of ${caption} looks blank`).toBeGreaterThan(30_000);
      shots.push({ caption, file: join(docsDir, "screenshots", `${name}.png`), png });
    };
    await page.goto(`${server?.url}/`);
    await page
      .getByRole("heading", { level: 1, name: /Mode Datasets API/ })
      .waitFor({ state: "visible" });
    await capture("Overview", "overview");
    for (const op of operations) {
      await openSection(sectionId(op.tag, op.operationId), op.summary);
      await capture(`${op.operationId}: ${op.method} ${op.path}`, op.operationId);
    }
    for (const name of ["Dataset", "DatasetCollection", "ReportRun"]) {
      await openSection(sectionId("schemas", name), name);
      await capture(`schema ${name}`, `schema-${name}`);
    }

    await mkdir(join(docsDir, "screenshots"), { recursive: true });
    await Promise.all(shots.map((shot) => writeFile(shot.file, shot.png)));
    const tiles = shots
      .map(
        (shot) =>
          `<figure><img src="data:image/png;base64,${shot.png.toString("base64")}">` +
          `<figcaption>${shot.caption.replace(/[<>&]/g, "")}</figcaption></figure>`,
      )
      .join("");
    const sheet = await context.newPage();
    try {
      await sheet.setContent(
        `<!DOCTYPE html><style>body{margin:8px;font:14px sans-serif;display:grid;grid-template-columns:repeat(3,1fr);gap:8px}` +
          `figure{margin:0}img{width:100%;border:1px solid #ccc}figcaption{padding:2px 0}</style>` +
          `<title>${docsTitle}: screenshots</title>${tiles}`,
      );
      await sheet.waitForFunction(
        (count) => [...document.images].filter((img) => img.complete).length === count,
        shots.length,
      );
      const file = join(docsDir, "screenshot.png");
      const png = await sheet.screenshot({ path: file, fullPage: true });
      expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
      expect((await readFile(file)).equals(png)).toBe(true);
      expect(shots).toHaveLength(1 + operations.length + 3);
    } finally {
      await sheet.close();
    }
  });

  // Last: it covers everything the tests above made the page do.
  test("made no request beyond 127.0.0.1 and logged no error", () => {
    expect(watch.local).toContain(`${server?.url}/`);
    expect(watch.foreign).toEqual([]);
    expect(watch.errors).toEqual([]);
  });
});

describe("the page watch", () => {
  test("refuses and records a request to another host", async () => {
    const own = await openWatchedPage(browser as Browser, `${server?.url}/openapi.json`);
    const { page: ownPage, watch: ownWatch } = own;
    try {
      const outcome = await ownPage.evaluate(() =>
        fetch("https://cdn.example.com/redoc.js").then(
          () => "fetched",
          () => "refused",
        ),
      );
      expect(outcome).toBe("refused");
      expect(ownWatch.foreign).toEqual(["https://cdn.example.com/redoc.js"]);
      expect(ownWatch.local).toEqual([`${server?.url}/openapi.json`]);
    } finally {
      await own.context.close();
    }
  });
});
