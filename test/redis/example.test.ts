// examples/shared-rate-limit.ts run as a user would (tsx, arguments, environment): its workers
// share the budget through a real redis-server against a loopback API enforcing the limit, and
// go on, each saying so once, when Redis is not there.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { type LimitServer, startLimitServer } from "./limit-server.js";
import { type RedisServer, startRedisServer } from "./redis-server.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

function runExample(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      join(root, "node_modules", ".bin", "tsx"),
      [join(root, "examples", "shared-rate-limit.ts"), ...args],
      {
        cwd: root,
        env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "/tmp", ...env },
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe.skipIf(!inject("redisServer"))(
  "the shared-rate-limit example",
  { timeout: 120_000 },
  () => {
    let redis: RedisServer;
    let api: LimitServer;
    beforeAll(async () => {
      redis = await startRedisServer();
      // Mode's limit with time divided by 10, as the example is told with --interval-ms.
      api = await startLimitServer({ limit: { requests: 40, windowMs: 1_000 } });
    });
    afterAll(async () => {
      await api?.stop();
      await redis?.stop();
    });

    test("its workers share one budget and draw no 429", async () => {
      const result = await runExample(
        ["--workers", "3", "--calls", "30", "--interval-ms", "1000"],
        {
          MODE_BASE_URL: api.baseUrl,
          REDIS_URL: redis.url,
        },
      );
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("3 of 3 workers succeeded.");
      expect(api.arrivals).toHaveLength(90);
      expect(api.arrivals.filter((arrival) => arrival.status === 429)).toEqual([]);
    });

    test("without Redis each worker warns once and keeps to the limit on its own", async () => {
      const down = await startRedisServer();
      await down.stop(); // a port where nothing answers
      const result = await runExample(["--workers", "2", "--calls", "3", "--interval-ms", "1000"], {
        MODE_BASE_URL: api.baseUrl,
        REDIS_URL: down.url,
      });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("2 of 2 workers succeeded.");
      const warnings = result.stderr
        .split("\n")
        .filter((line) => line.includes("in-process limit"));
      expect(warnings).toHaveLength(2);
    });
  },
);
