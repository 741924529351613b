// Vitest global setup of the Redis suite: it runs against a real redis-server, started by each
// file on a free port. Without one on PATH the suite is skipped and says so in one line, so
// `npm test` passes on a machine with only Node and npm; MODE_REDIS_REQUIRED=1 (CI) makes a
// missing redis-server a failure instead.
import type {} from "vitest";
import type { TestProject } from "vitest/node";
import { findRedisServer } from "./redis-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Path of redis-server, or null when the suite is skipped. */
    redisServer: string | null;
  }
}

export default function setup(project: TestProject): void {
  const found = findRedisServer() ?? null;
  if (!found) {
    const why = "redis-server is not on PATH (apt-get install redis-server provides it)";
    if (process.env["MODE_REDIS_REQUIRED"] === "1") {
      throw new Error(`Redis suite required by MODE_REDIS_REQUIRED=1, but ${why}`);
    }
    process.stdout.write(`Redis suite skipped: ${why}.\n`);
  }
  project.provide("redisServer", found);
}
