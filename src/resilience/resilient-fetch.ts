import { recordFacts } from "../internal/response-facts.js";
import { sleep } from "../internal/sleep.js";
import { pauseRequested } from "./rate-limit-headers.js";
import type { RateLimiter } from "./rate-limiter.js";
import { backoffDelay, parseRetryAfter, type ResolvedRetryOptions } from "./retry.js";

export type FetchLike = (input: Request) => Promise<Response>;

export interface ResilientFetchOptions {
  fetch: FetchLike;
  retry: ResolvedRetryOptions | false;
  /** Per attempt; false for none. */
  timeoutMs: number | false;
  rateLimiter?: RateLimiter | undefined;
  /** Largest body read, counted after decoding; false for no limit. */
  maxResponseBytes: number | false;
}

type Attempt =
  | { response: Response }
  | { failure: "timeout" | "connection"; cause: unknown }
  | { failure: "too_large"; status: number };

/** Thrown while reading a body that passes `maxResponseBytes`. */
class ResponseTooLarge extends Error {
  constructor(readonly status: number) {
    super(`response body over the size limit (status ${status})`);
  }
}

/**
 * What the last attempt of a request failed with, when no usable response arrived: no answer
 * in time, no connection, or a body over `maxResponseBytes` (then `status` is the answer's).
 * The error middleware turns it into a typed error there, where the operation's path template
 * is known, so the typed error is built once.
 */
export class TransportFailure extends Error {
  override name = "TransportFailure";
  constructor(
    readonly failure: "timeout" | "connection" | "too_large",
    readonly attempts: number,
    readonly options: Pick<ResilientFetchOptions, "timeoutMs" | "maxResponseBytes">,
    override readonly cause?: unknown,
    readonly status?: number,
  ) {
    super(`${failure} after ${attempts} attempt(s)`);
  }
}

// Statuses whose responses must not carry a body (the Response constructor refuses one).
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * The fetch openapi-fetch calls beneath its middleware: rate limit, per-attempt timeout, and
 * retries. Each attempt sends a copy of the Request carrying that attempt's signal.
 * Each body is read in full inside its attempt, so a stalled or truncated body counts as that
 * attempt's timeout or connection failure (and is retried like one) instead of surfacing later.
 * An attempt holds its rate-limit slot until it settles, body included (see rate-limiter.ts).
 */
export function createResilientFetch(options: ResilientFetchOptions): FetchLike {
  const { retry, rateLimiter } = options;
  return async function resilientFetch(request: Request): Promise<Response> {
    const method = request.method.toUpperCase();
    const caller = request.signal;
    const maxAttempts = retry === false || !retry.methods.includes(method) ? 1 : retry.retries + 1;
    for (let attempt = 1; ; attempt++) {
      caller.throwIfAborted();
      const release = await rateLimiter?.acquire(caller);
      let outcome: Attempt;
      try {
        outcome = await attemptOnce(options, request, method);
      } finally {
        // The attempt has settled (body read, failed or aborted): its window starts now.
        release?.();
      }
      let delayMs: number;
      if ("response" in outcome) {
        const { response } = outcome;
        // Shared before the retry is decided, so every caller on this limiter holds off too.
        if (rateLimiter?.pause) {
          const pauseMs = pauseRequested(response.status, response.headers);
          if (pauseMs !== undefined) pauseSafely(rateLimiter, pauseMs);
        }
        if (!retry || attempt >= maxAttempts || !retry.statuses.includes(response.status)) {
          recordFacts(response, { attempts: attempt });
          return response;
        }
        const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
        if (retryAfterMs !== undefined && retryAfterMs > retry.maxRetryAfterMs) return response;
        delayMs = retryAfterMs ?? backoffDelay(retry, attempt);
        retry.onRetry?.({
          method,
          url: request.url,
          attempt,
          delayMs,
          reason: "status",
          status: response.status,
        });
      } else if (outcome.failure === "too_large") {
        // The next attempt would be just as large: never retried.
        throw new TransportFailure("too_large", attempt, options, undefined, outcome.status);
      } else {
        if (!retry || attempt >= maxAttempts)
          throw new TransportFailure(outcome.failure, attempt, options, outcome.cause);
        delayMs = backoffDelay(retry, attempt);
        retry.onRetry?.({ method, url: request.url, attempt, delayMs, reason: outcome.failure });
      }
      await sleep(delayMs, caller);
    }
  };
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

async function attemptOnce(
  options: ResilientFetchOptions,
  request: Request,
  method: string,
): Promise<Attempt> {
  const caller = request.signal;
  caller.throwIfAborted();
  // One controller per attempt, aborted by the timer or with the caller's own reason.
  const controller = new AbortController();
  const forward = (): void => controller.abort(caller.reason);
  caller.addEventListener("abort", forward, { once: true });
  const timer =
    options.timeoutMs === false
      ? undefined
      : setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    // Only a body has to be cloned (it can be read once and a retry re-sends it); a bodiless
    // Request is reused as is, saving a Request construction per attempt.
    const attemptRequest = new Request(request.body === null ? request : request.clone(), {
      signal: controller.signal,
    });
    // Raced against the signal so that an injected fetch that ignores signals still times out.
    const response = await untilAborted(options.fetch(attemptRequest), controller.signal);
    return {
      response: await untilAborted(
        buffered(response, method, options.maxResponseBytes),
        controller.signal,
      ),
    };
  } catch (cause) {
    // The caller's own abort is never retried and surfaces unchanged.
    if (caller.aborted) throw caller.reason;
    if (cause instanceof ResponseTooLarge) return { failure: "too_large", status: cause.status };
    return { failure: controller.signal.aborted ? "timeout" : "connection", cause };
  } finally {
    clearTimeout(timer);
    caller.removeEventListener("abort", forward);
  }
}

/**
 * The response as a Response of the client's own (the facts about it are keyed on it, so it
 * must not be an object a caller's fetch could hand out twice), its body read in full. It
 * carries the body's real length in Content-Length: openapi-fetch asks for `json()` only when
 * that header is present, which lets the error middleware hand over the value it parsed.
 */
async function buffered(
  response: Response,
  method: string,
  limit: number | false,
): Promise<Response> {
  const { status } = response;
  // A status outside 200-599 (a browser's opaque redirect) cannot be given to a new Response.
  if (status < 200 || status > 599) return response;
  let copy: Response;
  if (method === "HEAD" || response.body === null || NULL_BODY_STATUSES.has(status)) {
    void response.body?.cancel().catch(() => undefined);
    copy = new Response(null, {
      status,
      statusText: response.statusText,
      headers: response.headers,
    });
  } else {
    const body = await readBody(response, response.body, limit);
    copy = new Response(body, {
      status,
      statusText: response.statusText,
      headers: response.headers,
    });
    copy.headers.set("content-length", String(body.byteLength));
    // The body is whole now; a leftover chunked marker would hide the length from openapi-fetch.
    copy.headers.delete("transfer-encoding");
  }
  // Keep `url` for error messages; a constructed Response would report "".
  Object.defineProperty(copy, "url", { value: response.url });
  return copy;
}

/**
 * The whole body, refused once it passes `limit` bytes. Without Content-Encoding the announced
 * length is the length read, so a larger announcement is refused before reading. Otherwise the
 * bytes are counted as they come out of the decoder, and the stream is cancelled at the limit,
 * so a compressed bomb is refused before it is inflated.
 */
async function readBody(
  response: Response,
  stream: ReadableStream<Uint8Array>,
  limit: number | false,
): Promise<Uint8Array<ArrayBuffer>> {
  if (limit === false) return new Uint8Array(await response.arrayBuffer());
  const announced = response.headers.get("content-length");
  if (
    announced !== null &&
    !response.headers.has("content-encoding") &&
    Number(announced) > limit
  ) {
    await stream.cancel().catch(() => undefined);
    throw new ResponseTooLarge(response.status);
  }
  const reader = stream.getReader();
  // A fetch body never lives in shared memory.
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new ResponseTooLarge(response.status);
    }
    chunks.push(value as Uint8Array<ArrayBuffer>);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array<ArrayBuffer>;
  const body = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
