// The Redis limiter is its own entry: the core never imports it, so the main entry neither
// grows with it nor loads it. Reads the source; needs no redis-server.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const src = fileURLToPath(new URL("../../src/", import.meta.url));

test("no file of src/ outside src/redis/ imports from it", () => {
  const offenders: string[] = [];
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
    const path = join(entry.parentPath, entry.name);
    const file = relative(src, path);
    if (file.startsWith("redis/")) continue;
    const text = readFileSync(path, "utf8");
    if (/from\s+["'][^"']*\/redis\/|import\(\s*["'][^"']*\/redis\//.test(text))
      offenders.push(file);
  }
  expect(offenders).toEqual([]);
});

test("the package exports the Redis limiter as its own entry", () => {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  expect(pkg.exports["./redis"]).toEqual({
    types: "./dist/src/redis/index.d.ts",
    default: "./dist/src/redis/index.js",
  });
  // Optional peers only: installing the package pulls in no Redis client.
  expect(pkg.dependencies).not.toHaveProperty("ioredis");
  expect(pkg.dependencies).not.toHaveProperty("redis");
  expect(pkg.peerDependenciesMeta.ioredis).toEqual({ optional: true });
  expect(pkg.peerDependenciesMeta.redis).toEqual({ optional: true });
});
