// Vitest global setup: one Prism mock per test run, on the bundled spec, on a free loopback port.
// Contract tests read where to send requests with `inject("modeContract")`.
// MODE_CONTRACT_BASE_URL points the same suite at another server (a Prism proxy in front of
// app.mode.com, a fake of Mode); then nothing is started here.
import { existsSync } from "node:fs";
import type {} from "vitest";
import type { TestProject } from "vitest/node";
import { bundledSpec, startPrism, type PrismServer } from "../../kit/prism/launcher.js";

/** What the contract tests are pointed at. */
export interface ModeContractTarget {
  /** Base URL without trailing slash, or null when no server could be provided (see `problem`). */
  baseUrl: string | null;
  /** `prism`: our own mock (every check applies); `external`: MODE_CONTRACT_BASE_URL. */
  kind: "prism" | "external";
  /** Whether write operations (update, delete, refresh) may be sent. Always true for our mock. */
  allowWrites: boolean;
  /** Why `baseUrl` is null; contract tests fail with this message. */
  problem: string | null;
}

declare module "vitest" {
  export interface ProvidedContext {
    modeContract: ModeContractTarget;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env["MODE_CONTRACT_BASE_URL"];
  if (external) {
    project.provide("modeContract", {
      baseUrl: external.replace(/\/+$/, ""),
      kind: "external",
      allowWrites: process.env["MODE_CONTRACT_ALLOW_WRITES"] === "1",
      problem: null,
    });
    return async () => {};
  }

  // Unit tests share this run and do not need Prism: a missing bundle must not break them,
  // so it is reported to the contract tests instead (they fail with this message).
  if (!existsSync(bundledSpec)) {
    project.provide("modeContract", {
      baseUrl: null,
      kind: "prism",
      allowWrites: true,
      problem: `${bundledSpec} is missing: run \`npm run generate\``,
    });
    return async () => {};
  }

  // startPrism throws with Prism's log when it does not come up; vitest then fails the run.
  const prism: PrismServer = await startPrism({ mode: "mock" });
  project.provide("modeContract", {
    baseUrl: prism.baseUrl,
    kind: "prism",
    allowWrites: true,
    problem: null,
  });
  // Teardown runs after failed tests too; startPrism's exit hooks cover a killed run.
  return async () => {
    await prism.stop();
  };
}
