// Launches Debian's Chromium through playwright-core: no browser download, no network of its own.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** CHROMIUM_PATH overrides the Debian location (`apt-get install chromium`, as .ci/run does). */
export const chromiumPath = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `no Chromium at ${chromiumPath}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  return await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // The background services would phone home (updates, sync, field trials) and muddy the
    // record of which hosts the page itself contacts.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
