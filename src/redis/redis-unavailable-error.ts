/** The error an acquisition fails with when Redis cannot decide it in time. */

/** Why Redis could not decide: no answer in time, no connection, or an error reply. */
export type RedisUnavailableReason = "timeout" | "not_connected" | "error";

/**
 * Thrown by an acquisition of the shared rate limiter (and so by the request waiting on it) when
 * Redis did not answer within `operationTimeoutMs`, was not connected, or answered with an error,
 * and `onRedisError` is `"throw"`. Nothing was sent for that request.
 */
export class RedisUnavailableError extends Error {
  override name = "RedisUnavailableError";
  readonly kind = "redis_unavailable";
  /** What went wrong, in a few words, for a log line. */
  readonly problem: string;
  constructor(
    readonly reason: RedisUnavailableReason,
    /** The budget's Redis key (a hash of the token, never the token). */
    readonly key: string,
    readonly timeoutMs: number,
    options?: { cause?: unknown },
  ) {
    const problem = describe(reason, timeoutMs, options?.cause);
    super(
      `${problem}, so the shared rate limit on ${key} could not be checked and the request was not sent. Retry later, or pass onRedisError: "local" to fall back to an in-process limit while Redis is away.`,
      options,
    );
    this.problem = problem;
  }
}

function describe(reason: RedisUnavailableReason, timeoutMs: number, cause: unknown): string {
  if (reason === "timeout") return `Redis did not answer within ${timeoutMs} ms`;
  if (reason === "not_connected") return `Redis was not connected within ${timeoutMs} ms`;
  const message = cause instanceof Error ? cause.message : String(cause);
  return `Redis answered with an error (${message.split("\n")[0]})`;
}
