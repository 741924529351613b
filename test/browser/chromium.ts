// The browser tests' side of site/chromium.ts, which picks the browser (`npm run docs` uses it
// too): the slow project's global setup chooses once per run and hands the choice to every file.
import type { Browser } from "playwright-core";
import { inject } from "vitest";
import { type ChromiumChoice, launchChromium as launch } from "../../site/chromium.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's browser, or why there is none (the browser tests then fail with `problem`). */
    chromium: ChromiumChoice;
  }
}

/** Launches the browser the global setup chose, headless, with the site's own flags. */
export async function launchChromium(): Promise<Browser> {
  return await launch(inject("chromium"));
}
