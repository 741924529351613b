import { defineConfig } from "vitest/config";

// Two projects. `fast` needs nothing but Node and the Prism mock; `slow` starts processes of its
// own (the kit's commands, npm pack, tsx, Chromium). `npm run test:fast` is the loop while working;
// `npm test` runs both. Contract, kit, examples and browser tests use the Prism mock that
// setup/prism.ts starts once per project; the browser tests use the Chromium setup/chromium.ts
// picks.
const shared = { testTimeout: 30_000, hookTimeout: 60_000 };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: "fast",
          include: [
            "test/unit/**/*.test.ts",
            "test/spec/**/*.test.ts",
            "test/fault/**/*.test.ts",
            "test/contract/**/*.test.ts",
            "test/hostile/**/*.test.ts",
            "test/smoke.test.ts",
          ],
          globalSetup: ["test/setup/prism.ts"],
          typecheck: {
            enabled: true,
            include: ["test/types/**/*.test-d.ts"],
            tsconfig: "test/types/tsconfig.json",
          },
        },
      },
      {
        test: {
          ...shared,
          name: "slow",
          include: [
            "test/kit/**/*.test.ts",
            "test/browser/**/*.test.ts",
            "test/examples/**/*.test.ts",
            "test/package/**/*.test.ts",
          ],
          globalSetup: ["test/setup/prism.ts", "test/setup/chromium.ts"],
        },
      },
    ],
  },
});
