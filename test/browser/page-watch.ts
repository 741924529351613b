// Records what a page does that a person would notice: console errors, uncaught exceptions and
// every request, refusing (and recording) any request that leaves 127.0.0.1.
import type {
  Browser,
  BrowserContext,
  BrowserContextOptions,
  Page,
  Response,
} from "playwright-core";

export interface PageWatch {
  /** Console messages of type `error` and uncaught page exceptions, in order. */
  readonly errors: string[];
  /** Every http(s)/ws request the context made to 127.0.0.1. */
  readonly local: string[];
  /** Every request to anywhere else; each was aborted before it left the machine. */
  readonly foreign: string[];
}

const isLocal = (url: URL): boolean => url.hostname === "127.0.0.1";
// data: and blob: URLs never touch the network (Redoc builds its workers from blobs).
const isNetwork = (url: URL): boolean => /^(https?|wss?):$/.test(url.protocol);

/** Routes every request of `context` through the guard and listens to `page`. */
export async function watchPage(context: BrowserContext, page: Page): Promise<PageWatch> {
  const watch: PageWatch = { errors: [], local: [], foreign: [] };
  await context.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    if (!isNetwork(url) || isLocal(url)) {
      if (isNetwork(url)) watch.local.push(url.href);
      await route.continue();
    } else {
      watch.foreign.push(url.href);
      await route.abort("blockedbyclient");
    }
  });
  page.on("console", (message) => {
    // An aborted foreign request also logs a console error; it is reported as foreign already,
    // but stays in errors too so neither list can hide the other.
    if (message.type() === "error")
      watch.errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => watch.errors.push(`uncaught: ${error.message}`));
  return watch;
}

/**
 * A fresh context and page on `url`, watched from the first request, with the response to that
 * navigation (null for file:// and other URLs that answer no HTTP status). Playwright's own waits
 * fail after 10 s, with its message (what it waited for), well before vitest's 30 s timeout.
 */
export async function openWatchedPage(
  browser: Browser,
  url: string,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page; watch: PageWatch; response: Response | null }> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const watch = await watchPage(context, page);
  const response = await page.goto(url);
  return { context, page, watch, response };
}
