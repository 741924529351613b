import { defineConfig } from "vitest/config";

// Three projects. `fast` needs nothing but Node and the Prism mock; `slow` starts processes of its
// own (the kit's commands, npm pack, tsx, Chromium); `redis` runs the shared rate limiter against a
// real redis-server (`npm run test:redis`). `npm run test:fast` is the loop while working;
// `npm test` runs all three. Contract, kit, examples and browser tests use the Prism mock that
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
          // These files mostly wait (on Prism, loopback servers, retry back-offs), so one worker
          // per core keeps a 2-core machine busy where vitest's default (one fewer) runs them one
          // at a time. One worker process runs many files: nothing here patches globals or mocks
          // modules, and env stubs are undone after each test, so starting a process per file
          // (about as much CPU again as the tests) buys no isolation these tests need.
          maxWorkers: "100%",
          isolate: false,
          // Projects with different worker counts run as ordered groups: this one first, so
          // `npm test` reports a broken unit or contract test before the slow tests start.
          sequence: { groupOrder: 0 },
          include: [
            "test/unit/**/*.test.ts",
            "test/spec/**/*.test.ts",
            "test/fault/**/*.test.ts",
            "test/contract/**/*.test.ts",
            "test/hostile/**/*.test.ts",
            "test/smoke.test.ts",
            // The kit's rules and reports are pure functions of a request or a run.
            "test/kit/rules.test.ts",
            "test/kit/report.test.ts",
            // The simulator in process and on 127.0.0.1; `*.slow.test.ts` start Python or Chromium.
            "test/simulator/**/*.test.ts",
          ],
          exclude: ["test/simulator/**/*.slow.test.ts"],
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
          sequence: { groupOrder: 1 },
          include: [
            "test/kit/**/*.test.ts",
            "test/browser/**/*.test.ts",
            "test/examples/**/*.test.ts",
            "test/package/**/*.test.ts",
            "test/simulator/**/*.slow.test.ts",
          ],
          exclude: ["test/kit/rules.test.ts", "test/kit/report.test.ts"],
          globalSetup: ["test/setup/prism.ts", "test/setup/chromium.ts"],
        },
      },
      {
        test: {
          ...shared,
          // The shared rate limiter against a real redis-server, with worker processes of its
          // own; skipped, in one line, where redis-server is missing (test/redis/setup.ts).
          name: "redis",
          sequence: { groupOrder: 2 },
          // Files one at a time: each starts a redis-server and up to four worker processes.
          maxWorkers: 1,
          include: ["test/redis/**/*.test.ts"],
          globalSetup: ["test/redis/setup.ts"],
        },
      },
    ],
  },
});
