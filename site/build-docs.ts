// `npm run docs`: renders generated/openapi.yaml to build/docs/index.html, a single page that
// works offline (Redoc inlined, no telemetry), then photographs it in headless Chromium:
// build/docs/screenshot.png (a sheet of the overview, every operation and the main schemas) and
// build/docs/screenshots/ (each page full size). Without a browser the sheet is skipped and the
// page is still built. Run `npm run generate` first after editing openapi/.
import { dirname, relative } from "node:path";
import { type ChromiumChoice, chooseChromium, launchChromium } from "./chromium.js";
import { buildDocs } from "./docs-builder.js";
import { saveScreenshotSheet } from "./screenshots.js";

const shown = (path: string): string => relative(process.cwd(), path);

try {
  const page = await buildDocs();
  console.log(`API reference written to ${shown(page)}; open it in a browser, no server needed.`);

  let chosen: ChromiumChoice | undefined;
  try {
    chosen = await chooseChromium();
  } catch (error) {
    // The page is what readers need; the sheet is for reviewing it, so no browser is no failure.
    console.log(`Screenshot sheet skipped: ${(error as Error).message}`);
  }
  if (chosen) {
    const browser = await launchChromium(chosen);
    try {
      const { sheet, pages } = await saveScreenshotSheet(browser);
      console.log(
        `Screenshot sheet written to ${shown(sheet)} (${pages.length} pages, each in ${shown(dirname(pages[0] ?? sheet))}/), taken with ${chosen.description}.`,
      );
    } finally {
      await browser.close();
    }
  }
} catch (error) {
  console.error(`docs: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
