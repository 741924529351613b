// The screenshot sheet of the API reference: the overview, every operation and the main schemas,
// each captured as a reader sees it in headless Chromium, then tiled into one image for review.
// Redoc 3 renders only the part of the reference being read, so one full-page capture cannot show
// it all. The page is opened from disk, as a reader who downloads it would.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { parse } from "yaml";
import { docsDir, docsPage, docsTitle, repoRoot } from "./docs-builder.js";

/** Schemas shown on the sheet besides every operation: the ones a reader meets first. */
const mainSchemas = ["Dataset", "DatasetCollection", "ReportRun"];
const viewport = { width: 1400, height: 1000 };

interface Shot {
  caption: string;
  /** File name under screenshots/, without `.png`. */
  name: string;
  /** The URL fragment Redoc routes by, without `#/`; also the section's element id. */
  sectionId: string;
  heading: RegExp;
}

export interface ScreenshotOptions {
  /** The spec the page was built from. Default: generated/openapi.yaml. */
  spec?: string;
  /** The built page. Default: build/docs/index.html. */
  page?: string;
  /** Where `screenshot.png` and `screenshots/` go. Default: build/docs. */
  outDir?: string;
}

/** Captures every section on the sheet; returns the sheet's path and each page's. */
export async function saveScreenshotSheet(
  browser: Browser,
  options: ScreenshotOptions = {},
): Promise<{ sheet: string; pages: string[] }> {
  const spec = parse(
    await readFile(options.spec ?? join(repoRoot, "generated", "openapi.yaml"), "utf8"),
  );
  const url = pathToFileURL(options.page ?? docsPage).href;
  const outDir = options.outDir ?? docsDir;
  const pagesDir = join(outDir, "screenshots");
  const shots = plan(spec);

  const context = await browser.newContext({ viewport });
  // Playwright's own waits fail after 10 s with what they waited for, rather than hanging.
  context.setDefaultTimeout(10_000);
  try {
    const page = await context.newPage();
    const pngs: Buffer[] = [];
    for (const shot of shots) pngs.push(await capture(page, url, shot));

    // Written only once every capture worked, so a failed run leaves no half-new set behind.
    await rm(pagesDir, { recursive: true, force: true });
    await mkdir(pagesDir, { recursive: true });
    const pages = shots.map((shot) => join(pagesDir, `${shot.name}.png`));
    await Promise.all(pages.map((file, i) => writeFile(file, pngs[i] as Buffer)));

    const tiles = shots
      .map(
        (shot, i) =>
          `<figure><img src="data:image/png;base64,${(pngs[i] as Buffer).toString("base64")}">` +
          `<figcaption>${shot.caption.replace(/[<>&]/g, "")}</figcaption></figure>`,
      )
      .join("");
    await page.setContent(
      `<!DOCTYPE html><style>body{margin:8px;font:14px sans-serif;display:grid;grid-template-columns:repeat(3,1fr);gap:8px}` +
        `figure{margin:0}img{width:100%;border:1px solid #ccc}figcaption{padding:2px 0}</style>` +
        `<title>${docsTitle}: screenshots</title>${tiles}`,
    );
    await page.waitForFunction(
      (count) => [...document.images].filter((img) => img.complete).length === count,
      shots.length,
    );
    const sheet = join(outDir, "screenshot.png");
    await page.screenshot({ path: sheet, fullPage: true });
    return { sheet, pages };
  } finally {
    await context.close();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: the spec is walked by its OpenAPI shape, untyped on purpose
type Json = any;

function plan(spec: Json): Shot[] {
  const shots: Shot[] = [
    { caption: "Overview", name: "overview", sectionId: "", heading: titled(spec.info.title) },
  ];
  for (const [path, item] of Object.entries<Json>(spec.paths)) {
    for (const method of ["get", "put", "post", "patch", "delete"]) {
      const op = item[method];
      if (op === undefined) continue;
      shots.push({
        caption: `${op.operationId}: ${method.toUpperCase()} ${path}`,
        name: op.operationId,
        // Redoc 3 files an operation under its first tag, as lower-case slugs.
        sectionId: `${slug(op.tags[0])}/${slug(op.operationId)}`,
        heading: titled(op.summary),
      });
    }
  }
  for (const name of mainSchemas) {
    if (spec.components?.schemas?.[name] === undefined)
      throw new Error(`screenshots: the spec has no schema ${name}; update mainSchemas`);
    shots.push({
      caption: `schema ${name}`,
      name: `schema-${name}`,
      sectionId: `schemas/${name.toLowerCase()}`,
      heading: titled(name),
    });
  }
  return shots;
}

const slug = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, "-");

// Redoc puts a "link to <title>" anchor inside each heading, so a heading's accessible name
// contains its visible text rather than equalling it; the overview's title carries the version.
const titled = (text: string): RegExp =>
  new RegExp(`(^|\\s)${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(\\s|$)`);

/** Opens a section by its fragment and captures the viewport once its heading is on screen. */
async function capture(page: Page, url: string, shot: Shot): Promise<Buffer> {
  await page.goto(`${url}#/${shot.sectionId}`);
  const section = page.locator(`[data-section-id="/${shot.sectionId}"], [id="${shot.sectionId}"]`);
  const heading = section.getByRole("heading", { name: shot.heading }).first();
  await heading.waitFor({ state: "visible" });
  // Redoc renders the neighbours of the current section too and swaps views as it scrolls: wait
  // until the fragment has brought this heading into the viewport and two frames are painted.
  // (No named functions inside the page-side callbacks: tsx would wrap them in a helper that only
  // exists in Node.)
  await page.waitForFunction(
    (element) => {
      const top = (element as Element).getBoundingClientRect().top;
      return top >= 0 && top < window.innerHeight;
    },
    await heading.elementHandle(),
    { polling: "raf" },
  );
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
      ),
  );
  return await page.screenshot();
}
