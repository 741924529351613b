/**
 * The few Redis calls the limiter makes, behind one small interface, and adapters for the two
 * clients teams already run: ioredis and node-redis (the `redis` package). Neither is imported:
 * they are recognised by shape, so neither is a dependency of this package.
 */

/** What the limiter needs from a Redis client. Implement it to plug in any other client. */
export interface RedisScripting {
  /** EVALSHA. Rejects with an error whose message starts with `NOSCRIPT` when Redis lacks it. */
  evalSha(sha: string, keys: string[], args: string[]): Promise<unknown>;
  /** EVAL: runs the source (and Redis caches it for EVALSHA). */
  evalScript(script: string, keys: string[], args: string[]): Promise<unknown>;
  /**
   * True when a command sent now goes out on a live connection. While it is false the limiter
   * sends nothing, so no command waits in the client's offline queue to run minutes later.
   */
  ready(): boolean;
}

/** The part of an ioredis client (`Redis` or `Cluster`) the limiter uses. */
export interface IoredisLike {
  readonly status: string;
  evalsha(sha: string, numberOfKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
  eval(script: string, numberOfKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
}

/** The part of a node-redis client (`createClient()` of the `redis` package, v4 on) it uses. */
export interface NodeRedisLike {
  readonly isReady: boolean;
  evalSha(sha: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/** Any of the three: an ioredis client, a node-redis client, or your own `RedisScripting`. */
export type RedisClientLike = IoredisLike | NodeRedisLike | RedisScripting;

export function toRedisScripting(redis: unknown): RedisScripting {
  const client = (typeof redis === "object" && redis !== null ? redis : {}) as Record<
    string,
    unknown
  >;
  if (
    typeof client["evalSha"] === "function" &&
    typeof client["evalScript"] === "function" &&
    typeof client["ready"] === "function"
  ) {
    return client as unknown as RedisScripting;
  }
  if (typeof client["evalsha"] === "function" && typeof client["status"] === "string") {
    const io = client as unknown as IoredisLike;
    return {
      evalSha: (sha, keys, args) => io.evalsha(sha, keys.length, ...keys, ...args),
      evalScript: (script, keys, args) => io.eval(script, keys.length, ...keys, ...args),
      ready: () => io.status === "ready",
    };
  }
  if (typeof client["evalSha"] === "function" && typeof client["isReady"] === "boolean") {
    const node = client as unknown as NodeRedisLike;
    return {
      evalSha: (sha, keys, args) => node.evalSha(sha, { keys, arguments: args }),
      evalScript: (script, keys, args) => node.eval(script, { keys, arguments: args }),
      ready: () => node.isReady,
    };
  }
  throw new TypeError(
    `redis ${describe(redis)} is not a Redis client this limiter knows; expected an ioredis client (new Redis()), a node-redis client (createClient()), or an object with evalSha, evalScript and ready methods`,
  );
}

/** Names what was passed without printing it: a client object may hold a password. */
function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value !== "object") return `(a ${typeof value})`;
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === "string" && name !== "Object" ? `(a ${name})` : "(an object)";
}
