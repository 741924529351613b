/** The two Redis clients the limiter supports, connected the way their own docs show. */
import { Redis } from "ioredis";
import { createClient } from "redis";
import type { RedisClientLike } from "../../src/redis/index.js";

export type ClientKind = "ioredis" | "node-redis";
export const CLIENT_KINDS: ClientKind[] = ["ioredis", "node-redis"];

export interface Connected {
  /** Typed as the limiter takes it: this line fails to compile if a real client stops fitting. */
  redis: RedisClientLike;
  close(): Promise<void>;
}

/**
 * Connected, with an error listener (node-redis ends the process on an unheard error event).
 * Reconnection is each client's default, so an outage looks as it would in production.
 */
export async function connect(kind: ClientKind, port: number): Promise<Connected> {
  if (kind === "ioredis") {
    const redis = new Redis(port, "127.0.0.1", { lazyConnect: true });
    redis.on("error", () => undefined);
    await redis.connect();
    return { redis, close: async () => redis.disconnect() };
  }
  const redis = createClient({ url: `redis://127.0.0.1:${port}` });
  redis.on("error", () => undefined);
  await redis.connect();
  return {
    redis,
    close: async () => {
      if (redis.isOpen) redis.destroy();
    },
  };
}
