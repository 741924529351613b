// The `--html` timeline, checked the way a reader sees it: a session with every kind of event
// (listings, reads, a run polled too fast, a rename cut by a reset and sent again, a burst past
// the rate limit and a retry before its Retry-After ran out) rendered to one file, opened from
// disk in headless Chromium with every request outside the page refused. The page must draw one
// tick per request, one band per 429, a marker per piece of evidence and the findings list, log
// no error, reach nothing beyond itself, and leave a screenshot in build/simulator/.
import { mkdirSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { launchChromium } from "../../site/chromium.js";
import { timelinePage } from "../../kit/simulator/report/timeline-html.js";
import { openWatchedPage } from "../browser/page-watch.js";
import { handDriven } from "./support/clients.js";

const screenshots = fileURLToPath(new URL("../../build/simulator/", import.meta.url));
let browser: Browser | undefined;

beforeAll(async () => {
  browser = await launchChromium(inject("chromium"));
});
afterAll(async () => {
  await browser?.close();
});

async function session() {
  const sim = handDriven({ datasets: 90, faults: "write-reset=1" });
  const drain = async (r: Promise<Response>): Promise<void> => {
    await (await r).arrayBuffer();
  };
  const spaces = (await sim.json("/northwind/spaces")).body._embedded.spaces;
  const first = (await sim.json(`/northwind/spaces/${spaces[0].token}/datasets`)).body._embedded
    .reports;
  sim.advance(400);
  const path = `/northwind/datasets/${first[0].token}`;
  await sim.send("PATCH", path, { body: { report: { name: "Renamed" } } }).catch(() => {});
  sim.advance(300);
  await drain(sim.send("PATCH", path, { body: { report: { name: "Renamed" } } }));
  const run = await (await sim.send("POST", `/northwind/datasets/${first[1].token}/runs`)).json();
  for (let i = 0; i < 12; i++) {
    sim.advance(250);
    await drain(sim.send("GET", `/northwind/datasets/${first[1].token}/runs/${run.token}`));
  }
  for (let i = 0; i < 45; i++) {
    sim.advance(20);
    await drain(sim.send("GET", `/northwind/datasets/${first[i % first.length].token}`));
  }
  sim.advance(2_000);
  await drain(sim.send("GET", path));
  sim.advance(9_000);
  await drain(sim.send("GET", path));
  return sim.engine;
}

it("draws the session's requests, pauses and findings, offline, with no error", async () => {
  const engine = await session();
  const report = engine.report();
  const entries = engine.timeline().entries();
  const limited = entries.filter((e) => e.status === 429).length;
  expect(limited).toBeGreaterThan(0);
  expect(report.findings.map((f) => f.rule).sort()).toEqual(
    expect.arrayContaining([
      "rate-limit/retry-after-ignored",
      "writes/unsafe-retry",
      "polling/too-fast",
      "rate-limit/exceeded",
      "paging/incomplete",
    ]),
  );

  const dir = await mkdtemp(join(tmpdir(), "sim-timeline-"));
  const file = join(dir, "timeline.html");
  writeFileSync(file, timelinePage(engine, report));
  const { context, page, watch } = await openWatchedPage(
    browser as Browser,
    pathToFileURL(file).href,
    {
      viewport: { width: 1280, height: 900 },
    },
  );
  try {
    expect(await page.locator("h1 .verdict").textContent()).toBe("fail");
    expect(await page.locator("#requests line").count()).toBe(entries.length);
    expect(await page.locator("#pauses rect").count()).toBe(limited);
    const evidence = report.findings.reduce((n, f) => n + f.evidence.length, 0);
    expect(await page.locator("#findings path").count()).toBe(evidence);
    expect(await page.locator("#rate path").count()).toBe(1);
    expect(await page.locator("ol.findings > li").count()).toBe(report.findings.length);
    // A marker links to its finding in the list.
    await page.locator("#findings a").first().click();
    expect(page.url()).toMatch(/#finding-1$/);
    // Every tick says what it was.
    expect(await page.locator("#requests line title").first().textContent()).toMatch(
      /^#1 at 0\.00 s: GET \/api\/northwind\/spaces → 200/,
    );
    const box = await page.locator("svg").boundingBox();
    expect(box?.width).toBeGreaterThan(1000);
    mkdirSync(screenshots, { recursive: true });
    const shot = await page.screenshot({ path: join(screenshots, "timeline.png"), fullPage: true });
    expect(shot.byteLength).toBeGreaterThan(20_000);
    expect(watch.errors).toEqual([]);
    expect(watch.foreign).toEqual([]);
    expect(watch.local).toEqual([]);
  } finally {
    await context.close();
  }
});
