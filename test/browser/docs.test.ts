// The rendered API reference, checked the way a reader sees it: `npm run docs` output opened in
// headless Chromium, served from 127.0.0.1 and, for its links, also from disk. Every sidebar link
// must work in a new tab, every operation must render with its code samples, every schema with
// its description and its own example, and the page must neither log errors nor reach beyond
// 127.0.0.1. (`npm run docs` also takes the screenshot sheet; these tests only check the page.)
import { pathToFileURL } from "node:url";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { launchChromium } from "../../site/chromium.js";
import { buildDocs, docsDir, docsPage, docsTitle } from "../../site/docs-builder.js";
import { serveDirectory, type StaticServer } from "../../site/static-server.js";
import {
  describeErrors,
  type Json,
  operations as specOperations,
  spec,
  validatorAt,
} from "../support/bundled-spec.js";
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

const operations: DocumentedOperation[] = specOperations().map(
  ({ method, path, operation: op }) => ({
    operationId: op.operationId,
    method: method.toUpperCase(),
    path,
    summary: op.summary,
    tag: op.tags[0],
    statuses: Object.keys(op.responses),
    samples: op["x-codeSamples"] ?? [],
  }),
);

const schemaNames = Object.keys(spec.components.schemas as Record<string, Json>);

/** The `#` and `##` headings of the spec's description (outside code blocks): its introduction. */
const introduction: string[] = (() => {
  let inCode = false;
  const headings: string[] = [];
  for (const line of (spec.info.description as string).split("\n")) {
    if (line.startsWith("```")) inCode = !inCode;
    const heading = /^#{1,2} (.+)$/.exec(line);
    if (!inCode && heading) headings.push((heading[1] as string).trim());
  }
  return headings;
})();

/**
 * Every link the sidebar must hold, as "group › label" (top-level links have no group): the
 * overview, the introduction, each tag with its operations, and "Schemas" with every schema.
 */
const sidebarEntries: string[] = [
  spec.info.title,
  ...introduction,
  ...(spec.tags as { name: string }[]).flatMap(({ name }) => [
    name,
    ...operations.filter((op) => op.tag === name).map((op) => `${name} › ${op.summary}`),
  ]),
  "Schemas",
  ...schemaNames.map((name) => `Schemas › ${name}`),
];

// One link of each kind is opened for real (a fresh tab over http and from disk); every link is
// checked to be a fragment of this page, which is what makes it open anywhere. Opening all of
// them twice took minutes for no further proof.
const representatives: string[] = [
  spec.info.title,
  ...introduction.slice(0, 1),
  (spec.tags as { name: string }[])[0]?.name as string,
  `${operations[0]?.tag} › ${operations[0]?.summary}`,
  "Schemas",
  `Schemas › ${schemaNames[0]}`,
];

/** The section a sidebar entry links to: Redoc 3 uses its route as the section's element id. */
const sectionOf = (entry: string): string => {
  const href = sidebar.get(entry);
  if (href === undefined) throw new Error(`no sidebar link ${entry}`);
  return href.replace(/^#\//, "");
};

const viewport = { width: 1400, height: 1000 };
let server: StaticServer | undefined;
let browser: Browser | undefined;
let page: Page;
let watch: PageWatch;
/** Every sidebar link, by "group › label", with its href exactly as the page has it. */
let sidebar = new Map<string, string>();

beforeAll(async () => {
  // Always rebuilt, so the page under test is the current spec rendered by `npm run docs`.
  await buildDocs();
  server = await serveDirectory(docsDir);
  // The browser the global setup chose for this run, launched as `npm run docs` launches it.
  browser = await launchChromium(inject("chromium"));
  ({ page, watch } = await openWatchedPage(browser, `${server.url}/`, { viewport }));
  sidebar = await readSidebar(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens every group of the sidebar and reads each link's "group › label" and href. */
async function readSidebar(on: Page): Promise<Map<string, string>> {
  const item = '[data-component-name="Menu/MenuItem"]';
  // A group that closes as another opens is unmounted while the links are read: its links can
  // arrive detached, with no group around them, and would read as top-level entries. Only links
  // still in the page count; each group's own read (below) records them where they belong.
  const read = (): Promise<[string, string][]> =>
    on.locator(`${item} > a`).evaluateAll(
      (links, item) =>
        links
          .filter((link) => link.isConnected)
          .map((link): [string, string] => {
            const label = link.querySelector("[data-text]")?.getAttribute("data-text") ?? "";
            const group = link.parentElement?.parentElement?.closest(item);
            const groupLabel = group
              ?.querySelector(":scope > a [data-text]")
              ?.getAttribute("data-text");
            return [
              groupLabel ? `${groupLabel} › ${label}` : label,
              link.getAttribute("href") ?? "",
            ];
          }),
      item,
    );
  const groups = on.locator(`${item}.menu-item-type-group`);
  await groups.first().waitFor({ state: "visible" });
  const links = new Map(await read());
  // A group lists its operations or schemas only while it is open, and opening one may close
  // another as the current section moves: each group's links are read right after it opens.
  for (const group of await groups.all()) {
    await group.locator(":scope > a").click();
    await group.locator(`${item} > a`).first().waitFor({ state: "visible" });
    for (const [entry, href] of await read()) links.set(entry, href);
  }
  return links;
}

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
// The overview's heading also carries the version, so it is matched by its start ("prefix").
const titled = (text: string, at: "end" | "prefix" = "end"): RegExp =>
  new RegExp(`(^|\\s)${escapeRegExp(text)}${at === "end" ? "$" : "(\\s|$)"}`);

/** Non-empty trimmed lines, so code blocks compare regardless of indentation and wrapping. */
const lines = (text: string): string[] =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");

/** What a link opens in a new tab, from `base`: a fresh context, sharing nothing with the page. */
async function openInNewTab(
  base: string,
  href: string,
): Promise<ReturnType<typeof openWatchedPage>> {
  const opened = await openWatchedPage(browser as Browser, new URL(href, base).href, { viewport });
  // file:// answers no HTTP status; a missing file makes goto() throw instead.
  if (base.startsWith("http")) expect(opened.response?.status(), `${href} from ${base}`).toBe(200);
  return opened;
}

/** Placeholder leaves Redoc writes when a schema has no example of its own. */
function placeholders(sample: Json, at = ""): string[] {
  if (sample === "string") return [`${at || "(root)"}: "string"`];
  if (sample === null || typeof sample !== "object") return [];
  return Object.entries(sample).flatMap(([key, value]) => placeholders(value, `${at}/${key}`));
}

/** A description's first paragraph as the page shows it: Markdown's inline marks removed. */
const shownText = (markdown: string): string =>
  (markdown.split(/\n\s*\n/)[0] as string)
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/`|\*\*/g, "")
    .replace(/\s+/g, " ")
    .trim();
const squeezed = (text: string): string => text.replace(/[\u200b]/g, "").replace(/\s+/g, " ");

describe("the rendered API reference", () => {
  test("has the title and the introduction the spec describes", async () => {
    await page.goto(`${server?.url}/`);
    expect(await page.title()).toBe(docsTitle);
    await page
      .getByRole("heading", { level: 1, name: titled(spec.info.title, "prefix") })
      .waitFor({ state: "visible" });
    expect(introduction.length).toBeGreaterThan(0);
    for (const heading of introduction) {
      await page
        .getByRole("heading", { name: titled(heading) })
        .first()
        .waitFor({ state: "visible" });
    }
  });

  test("lists the overview, the introduction, every operation and every schema in the sidebar", () => {
    expect([...sidebar.keys()].sort()).toEqual([...sidebarEntries].sort());
  });

  test.each(sidebarEntries)("links %s as a fragment of this page", (entry) => {
    expect(sidebar.get(entry), `the sidebar link ${entry}`).toMatch(/^#\/[\w./-]*$/);
  });

  test.each(representatives)(
    "opens the sidebar link %s in a new tab, over http and from disk",
    async (entry) => {
      const href = sidebar.get(entry);
      expect(href, `no sidebar link ${entry}`).toBeDefined();
      const label = entry.split(" › ").pop() as string;
      for (const base of [`${server?.url}/`, pathToFileURL(docsPage).href]) {
        const {
          context: tabContext,
          page: tab,
          watch: tabWatch,
        } = await openInNewTab(base, href as string);
        try {
          // The section the link names is on screen: its heading is in the viewport.
          const route = new URL(tab.url()).hash.replace(/^#\/?/, "");
          const shown = await tab.waitForFunction(
            ({ route, label }) => {
              const root =
                document.getElementById(route) ??
                document.querySelector(`[data-section-id="/${route}"]`);
              if (!root) return false;
              const headings = root.matches("h1, h2, h3")
                ? [root]
                : [...root.querySelectorAll("h1, h2, h3")];
              return headings.some((heading) => {
                const box = heading.getBoundingClientRect();
                const text = (heading.textContent ?? "").trim();
                return (
                  (text === label || text.startsWith(`${label} `)) &&
                  box.height > 0 &&
                  box.top >= 0 &&
                  box.top < window.innerHeight
                );
              });
            },
            { route, label },
          );
          expect(await shown.jsonValue(), `${entry} (${href}) from ${base}`).toBe(true);
          expect(tabWatch.errors).toEqual([]);
          expect(tabWatch.foreign).toEqual([]);
        } finally {
          await tabContext.close();
        }
      }
    },
  );

  test.each(operations.map((op) => [op.operationId, op] as const))(
    "renders %s with its method, path, responses and curl and TypeScript samples",
    async (_, op) => {
      const section = await openSection(sectionOf(`${op.tag} › ${op.summary}`), op.summary);
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

  test.each(schemaNames)(
    "shows the %s schema with its description, its properties and a real sample",
    async (name) => {
      const schema = spec.components.schemas[name];
      const section = await openSection(sectionOf(`Schemas › ${name}`), name);
      const text = squeezed(await section.innerText());
      expect(schema.description, `${name} has no description in the spec`).toBeTypeOf("string");
      expect(text, `description of ${name}`).toContain(shownText(schema.description));
      for (const property of Object.keys(schema.properties ?? {})) expect(text).toContain(property);

      // The sample panel beside the properties (not a property's own example), every level
      // opened, read as the JSON a reader would copy.
      const panel = section
        .locator('[data-component-name="Panel/Panel"]')
        .filter({ has: page.locator('[data-component-name="JsonViewer/JsonViewer"]') })
        .first();
      const viewer = panel.locator('[data-component-name="JsonViewer/JsonViewer"]').first();
      await viewer.waitFor({ state: "visible" });
      // Scalars have nothing to open, so no button.
      const expandAll = panel.getByRole("button", { name: "Expand all" });
      if ((await expandAll.count()) > 0) await expandAll.first().click();
      const sample: Json = JSON.parse(await viewer.innerText());
      expect(placeholders(sample), `placeholders in the sample of ${name}`).toEqual([]);
      const own = schema.examples?.[0] ?? schema.example;
      if (own !== undefined) {
        expect(sample, `the sample of ${name} is not its own example`).toEqual(own);
      } else {
        // Response bodies carry their examples on their properties: a schema-level example
        // would be what the mock answers every call with. The page composes the sample from
        // those, and it must still be a valid instance.
        const validate = validatorAt(`#/components/schemas/${name}`);
        expect(
          validate(sample),
          `the composed sample of ${name}: ${describeErrors(validate.errors)}`,
        ).toBe(true);
      }
    },
  );

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
