import { sleep } from "../internal/sleep.js";
import { answerOf, readBody, ResponseTooLarge } from "./answer.js";
import { pauseRequested } from "./rate-limit-headers.js";
import type { RateLimiter } from "./rate-limiter.js";
import { backoffDelay, parseRetryAfter, type ResolvedRetryOptions } from "./retry.js";

export type FetchLike = (input: Request) => Promise<Response>;

/** How a client sends, fixed when it is created. */
export interface SenderOptions {
  /** The caller's own fetch; undefined for the platform's. */
  fetch?: FetchLike | undefined;
  rateLimiter?: RateLimiter | undefined;
  /** Largest body read, counted after decoding; false for no limit. */
  maxResponseBytes: number | false;
}

/** How one call is sent, resolved once for the call. */
export interface CallPlan {
  /** Per attempt; false for none. */
  timeoutMs: number | false;
  retry: ResolvedRetryOptions | false;
  /** The credentials this request carries, to redact from what comes back. */
  secrets: readonly string[];
}

type Outcome =
  | { response: Response; bytes: Uint8Array }
  | { failure: "timeout" | "connection"; cause: unknown }
  | { failure: "too_large"; status: number };

/**
 * What the last attempt of a request failed with, when no usable answer arrived: no answer in
 * time, no connection, or a body over `maxResponseBytes` (then `status` is the answer's). The
 * error middleware makes the typed error of it, where the operation's path template is known.
 */
export class TransportFailure extends Error {
  override name = "TransportFailure";
  constructor(
    readonly failure: "timeout" | "connection" | "too_large",
    readonly attempts: number,
    readonly limit: number | false,
    override readonly cause?: unknown,
    readonly status?: number,
  ) {
    super(`${failure} after ${attempts} attempt(s)`);
  }
}

/**
 * The fetch beneath openapi-fetch: rate limit, per-attempt timeout and retries. Each body is
 * read in full inside its attempt, so a stalled or truncated body counts as that attempt's
 * timeout or connection failure (and is retried like one) instead of surfacing later; an
 * attempt holds its rate-limit slot until then (see rate-limiter.ts). Every request ends at one
 * exit, `finish`: the answer with its attempts and redaction, or the failure with its attempts.
 */
export function createSender(
  options: SenderOptions,
): (request: Request, plan: CallPlan) => Promise<Response> {
  const { rateLimiter, maxResponseBytes } = options;
  return async (request, plan) => {
    const { method, signal: caller } = request;
    const { retry } = plan;
    const maxAttempts = retry ? (retry.methods.includes(method) ? retry.retries : 0) + 1 : 1;
    for (let attempt = 1; ; attempt++) {
      caller.throwIfAborted();
      const release = await rateLimiter?.acquire(caller);
      let outcome: Outcome;
      try {
        outcome = await attemptOnce(options, request, plan.timeoutMs);
      } finally {
        // The attempt has settled (body read, failed or aborted): its window starts now.
        release?.();
      }
      let delayMs: number | undefined;
      if ("response" in outcome) {
        const { status, headers } = outcome.response;
        // Shared before the retry is decided, so every caller on this limiter holds off too.
        const pauseMs = rateLimiter?.pause ? pauseRequested(status, headers) : undefined;
        if (pauseMs !== undefined) pauseSafely(rateLimiter as RateLimiter, pauseMs);
        if (retry && attempt < maxAttempts && retry.statuses.includes(status)) {
          const after = parseRetryAfter(headers.get("retry-after"));
          // A longer Retry-After is not waited out: the answer goes up as it is.
          if (after === undefined || after <= retry.maxRetryAfterMs)
            delayMs = after ?? backoffDelay(retry, attempt);
        }
      } else if (retry && outcome.failure !== "too_large" && attempt < maxAttempts) {
        delayMs = backoffDelay(retry, attempt);
      }
      if (delayMs === undefined || !retry) return finish(outcome, attempt, plan, maxResponseBytes);
      retry.onRetry?.({
        method,
        url: request.url,
        attempt,
        delayMs,
        ...("response" in outcome
          ? { reason: "status", status: outcome.response.status }
          : { reason: outcome.failure as "timeout" | "connection" }),
      });
      await sleep(delayMs, caller);
    }
  };
}

/**
 * The one exit of every request: the answer, with the attempts it took recorded and the
 * credentials redacted from an error; or the failure, with its attempts.
 */
function finish(
  outcome: Outcome,
  attempts: number,
  plan: CallPlan,
  maxResponseBytes: number | false,
): Response {
  if ("response" in outcome)
    return answerOf(outcome.response, outcome.bytes, attempts, plan.secrets);
  if (outcome.failure === "too_large")
    throw new TransportFailure("too_large", attempts, maxResponseBytes, undefined, outcome.status);
  throw new TransportFailure(outcome.failure, attempts, plan.timeoutMs, outcome.cause);
}

/**
 * Tells the limiter to pause. A limiter that throws or rejects (a shared store that is down)
 * must not fail the request that carried the news, nor leave an unhandled rejection.
 */
function pauseSafely(limiter: RateLimiter, ms: number): void {
  try {
    const pending = limiter.pause?.(ms);
    if (pending && typeof pending.then === "function") pending.then(undefined, () => undefined);
  } catch {
    // Ignored, as above.
  }
}

/**
 * One attempt with its own signal, aborted by the timer or with the caller's own reason; the
 * caller's abort is never retried and surfaces unchanged. The platform's fetch takes that signal
 * in its init (it builds its Request anyway); a caller's fetch gets a Request carrying it, and is
 * raced against it, so that one which ignores signals still times out.
 */
async function attemptOnce(
  options: SenderOptions,
  request: Request,
  timeoutMs: number | false,
): Promise<Outcome> {
  const caller = request.signal;
  const controller = new AbortController();
  const { signal } = controller;
  const forward = (): void => controller.abort(caller.reason);
  caller.addEventListener("abort", forward);
  const timer = timeoutMs === false ? undefined : setTimeout(() => controller.abort(), timeoutMs);
  try {
    // Only a body has to be copied: it can be read once, and a retry sends it again.
    const sent = request.body === null ? request : request.clone();
    const custom = options.fetch;
    const response = custom
      ? await untilAborted(custom(new Request(sent, { signal })), signal)
      : await globalThis.fetch(sent, { signal });
    const read = readBody(response, request.method, options.maxResponseBytes);
    return { response, bytes: await (custom ? untilAborted(read, signal) : read) };
  } catch (cause) {
    if (caller.aborted) throw caller.reason;
    if (cause instanceof ResponseTooLarge) return { failure: "too_large", status: cause.status };
    return { failure: signal.aborted ? "timeout" : "connection", cause };
  } finally {
    clearTimeout(timer);
    caller.removeEventListener("abort", forward);
  }
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
