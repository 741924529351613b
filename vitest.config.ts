import { defineConfig } from "vitest/config";

// One suite: unit and fault tests inject fetch or use their own loopback servers; contract and
// browser tests use the Prism mock that the global setup starts once per run.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/setup/prism.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    typecheck: {
      enabled: true,
      include: ["test/types/**/*.test-d.ts"],
      tsconfig: "tsconfig.json",
    },
  },
});
