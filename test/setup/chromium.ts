// Vitest global setup of the slow project: the browser tests' Chromium is chosen (and, when it
// is the npm-shipped one, unpacked) once per run, before the test files start in parallel, and
// the choice is printed so a log always says which browser ran.
import type { TestProject } from "vitest/node";
import { chooseChromium } from "../../site/chromium.js";
// Declares the `chromium` value that provide() hands to the browser tests.
import type {} from "../browser/chromium.js";

export default async function setup(project: TestProject): Promise<void> {
  try {
    const chosen = await chooseChromium();
    console.log(`browser tests use ${chosen.description}`);
    project.provide("chromium", chosen);
  } catch (error) {
    // Tests without a browser share this project: they run, and the browser tests fail with this.
    const problem = (error as Error).message;
    console.log(`browser tests have no browser: ${problem}`);
    project.provide("chromium", { executablePath: null, description: "none", env: {}, problem });
  }
}
