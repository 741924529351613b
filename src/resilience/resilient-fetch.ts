import type { Log } from "../internal/log.js";
import { redactUrl } from "../internal/redact.js";
import { sleep } from "../internal/sleep.js";
import { answerOf, readBody, ResponseTooLarge, streamedAnswerOf } from "./answer.js";
import type { InProcessRateLimiter, RateLimiter } from "./rate-limiter.js";
import {
  backoffDelay,
  parseRetryAfter,
  pauseRequested,
  type ResolvedRetryOptions,
} from "./retry.js";

export type FetchLike = (input: Request) => Promise<Response>;

/** How a client sends, fixed when it is created. */
export interface SenderOptions {
  /** The caller's own fetch; undefined for the platform's. */
  fetch?: FetchLike | undefined;
  rateLimiter?: RateLimiter | undefined;
  /** Largest body read, counted after decoding; false for no limit. */
  maxResponseBytes: number | false;
  /** What is reported, and where; no level enabled when logging is off. */
  log: Log;
}

/**
 * Sends one request: `timeoutMs` per attempt (false for none), the `retry` policy, and the
 * credentials the request carries, to redact from what comes back. With `stream`, a success's
 * body is not read inside its attempt but handed to `stream` as it arrives (result content);
 * error answers are still read whole, retried and redacted as usual.
 */
export type Sender = (
  request: Request,
  timeoutMs: number | false,
  retry: ResolvedRetryOptions | false,
  secrets: readonly string[],
  stream?: StreamBody,
) => Promise<Response>;

/**
 * Takes over a success's body as it arrives and returns the body handed up in its place. The
 * attempt is still open: `timeoutMs` bounded only the wait for the answer, `maxResponseBytes`
 * does not apply, and the attempt's rate-limit slot and the caller's abort (which reaches the
 * connection through `abort`) are held until `settle` is called, once the body has ended,
 * failed or been cancelled.
 */
export type StreamBody = (
  body: ReadableStream<Uint8Array>,
  attempt: StreamedAttempt,
) => ReadableStream<Uint8Array>;

export interface StreamedAttempt {
  /** The request sent; its signal is the caller's. */
  request: Request;
  timeoutMs: number | false;
  /** Closes the connection. */
  abort(): void;
  /** Releases what the attempt holds; call it once the body has settled. */
  settle(): void;
}

type Held = Omit<StreamedAttempt, "timeoutMs"> & { stream: StreamBody };

type Note = (level: keyof Log, text: string, details: Record<string, unknown>) => void;

type Outcome =
  | { response: Response; bytes: Uint8Array }
  | { response: Response; streamed: Held }
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
 * attempt holds its rate-limit slot until then (see rate-limiter.ts). A streamed success is the
 * one exception: its body goes up as it arrives (see `StreamBody`). Every request ends at one exit,
 * `finish`: the answer with its attempts and redaction, or the failure with its attempts.
 */
export function createSender(options: SenderOptions): Sender {
  const { rateLimiter, maxResponseBytes, log } = options;
  const logging = log.debug || log.info || log.warn;
  return async (request, timeoutMs, retry, secrets, stream) => {
    const { method, signal: caller, url } = request;
    const maxAttempts = retry ? (retry.methods.includes(method) ? retry.retries : 0) + 1 : 1;
    // Logged: the method and the URL with the credentials redacted; never headers or bodies.
    const safeUrl = logging && redactUrl(url, secrets);
    const note: Note | undefined =
      logging &&
      ((level, text, details) =>
        log[level]?.(`${method} ${safeUrl} ${text}`, { method, url: safeUrl, ...details }));
    for (let attempt = 1; ; attempt++) {
      caller.throwIfAborted();
      const queued = log.info ? performance.now() : 0;
      const release =
        (rateLimiter as InProcessRateLimiter | undefined)?.tryAcquire?.() ??
        (await rateLimiter?.acquire(caller));
      const timed = log.debug || log.warn;
      const started = timed || queued ? performance.now() : 0;
      if (queued && started - queued >= 1)
        note?.("info", `waited ${Math.round(started - queued)} ms for the rate limiter`, {
          attempt,
          waitedMs: Math.round(started - queued),
        });
      let outcome: Outcome | undefined;
      try {
        outcome = await attemptOnce(options, request, timeoutMs, stream, release);
      } finally {
        // The attempt has settled (body read, failed or aborted): its window starts now. A
        // streamed body holds the slot until it settles.
        if (!(outcome && "streamed" in outcome)) release?.();
      }
      const status = "response" in outcome ? outcome.response.status : undefined;
      const failure = "failure" in outcome ? outcome.failure : undefined;
      if (timed) {
        const ms = Math.round(performance.now() - started);
        const result = status ?? failure;
        note?.("debug", `answered ${result} in ${ms} ms (attempt ${attempt})`, {
          attempt,
          status,
          ms,
        });
        if (ms > (timeoutMs === false ? SLOW_MS : timeoutMs / 2))
          note?.("warn", `was slow: ${result} after ${ms} ms (attempt ${attempt})`, {
            attempt,
            status,
            ms,
          });
      }
      let delayMs: number | undefined;
      if ("response" in outcome) {
        const { headers } = outcome.response;
        // Shared before the retry is decided, so every caller on this limiter holds off too.
        const pauseMs = rateLimiter?.pause && pauseRequested(status as number, headers);
        if (pauseMs !== undefined) {
          note?.(
            "warn",
            `was answered ${status}: every call on this rate limiter holds off ${pauseMs} ms`,
            {
              status,
              pauseMs,
            },
          );
          pauseSafely(rateLimiter as RateLimiter, pauseMs, note);
        }
        if (retry && attempt < maxAttempts && retry.statuses.includes(status as number)) {
          const after = parseRetryAfter(headers.get("retry-after"));
          // A longer Retry-After is not waited out: the answer goes up as it is.
          if (after === undefined || after <= retry.maxRetryAfterMs)
            delayMs = after ?? backoffDelay(retry, attempt);
        }
      } else if (retry && outcome.failure !== "too_large" && attempt < maxAttempts) {
        delayMs = backoffDelay(retry, attempt);
      }
      if (delayMs === undefined || !retry)
        return finish(outcome, method, attempt, timeoutMs, secrets, maxResponseBytes);
      const reason = (failure as "timeout" | "connection" | undefined) ?? "status";
      note?.(
        "info",
        `retries in ${delayMs} ms after ${status ?? reason} (attempt ${attempt} of ${maxAttempts})`,
        {
          attempt,
          status,
          delayMs,
        },
      );
      retry.onRetry?.({
        method,
        url,
        attempt,
        delayMs,
        reason,
        ...(status === undefined ? {} : { status }),
      });
      await sleep(delayMs, caller);
    }
  };
}

// Without a timeout, an attempt this long is reported as slow; with one, half of it.
const SLOW_MS = 10_000;

/**
 * The one exit of every request: the answer, with the attempts it took recorded and the
 * credentials redacted from an error; or the failure, with its attempts.
 */
function finish(
  outcome: Outcome,
  method: string,
  attempts: number,
  timeoutMs: number | false,
  secrets: readonly string[],
  maxResponseBytes: number | false,
): Response {
  if ("streamed" in outcome) {
    const { stream, ...attempt } = outcome.streamed;
    const body = outcome.response.body as ReadableStream<Uint8Array>;
    return streamedAnswerOf(outcome.response, stream(body, { ...attempt, timeoutMs }), attempts);
  }
  if ("response" in outcome)
    return answerOf(outcome.response, outcome.bytes, method, attempts, secrets);
  if (outcome.failure === "too_large")
    throw new TransportFailure("too_large", attempts, maxResponseBytes, undefined, outcome.status);
  throw new TransportFailure(outcome.failure, attempts, timeoutMs, outcome.cause);
}

/**
 * Tells the limiter to pause. A limiter that throws or rejects (a shared store that is down)
 * must not fail the request that carried the news, nor leave an unhandled rejection; it is
 * reported, by its error's name only (a store's message may quote what it was sent).
 */
function pauseSafely(limiter: RateLimiter, ms: number, note: Note | undefined): void {
  const failed = (error: unknown): void =>
    note?.("warn", `could not pause the rate limiter: ${(error as Error)?.name}`, { pauseMs: ms });
  try {
    const pending = limiter.pause?.(ms);
    if (pending && typeof pending.then === "function") pending.then(undefined, failed);
  } catch (error) {
    failed(error);
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
  stream: StreamBody | undefined,
  release: (() => void) | undefined,
): Promise<Outcome> {
  const caller = request.signal;
  const controller = new AbortController();
  const { signal } = controller;
  const forward = (): void => controller.abort(caller.reason);
  const listens = !(request as { [UNABORTABLE]?: true })[UNABORTABLE];
  if (listens) caller.addEventListener("abort", forward);
  const timer = timeoutMs === false ? undefined : setTimeout(() => controller.abort(), timeoutMs);
  let held: Held | undefined;
  try {
    // Only a body has to be copied: it can be read once, and a retry sends it again.
    const sent = request.body === null ? request : request.clone();
    const custom = options.fetch;
    const response = custom
      ? await untilAborted(custom(new Request(sent, { signal })), signal)
      : await globalThis.fetch(sent, { signal });
    if (stream && response.ok && response.body !== null) {
      // The caller's abort must still reach the connection while the body is read.
      held = {
        stream,
        request,
        abort: () => controller.abort(),
        settle: () => {
          if (listens) caller.removeEventListener("abort", forward);
          release?.();
        },
      };
      return { response, streamed: held };
    }
    const read = readBody(response, request.method, options.maxResponseBytes);
    return { response, bytes: await (custom ? untilAborted(read, signal) : read) };
  } catch (cause) {
    if (caller.aborted) throw caller.reason;
    if (cause instanceof ResponseTooLarge) return { failure: "too_large", status: cause.status };
    return { failure: signal.aborted ? "timeout" : "connection", cause };
  } finally {
    clearTimeout(timer);
    if (!held && listens) caller.removeEventListener("abort", forward);
  }
}

const UNABORTABLE = Symbol("mode-datasets.unabortable");

/**
 * The Request class openapi-fetch builds requests with: the platform's, marking a request built
 * without a signal. Such a request's signal belongs to the Request alone and can never abort, so
 * an attempt skips listening to it; a listener per attempt was one of the client's largest costs
 * per request. A request a caller's middleware put in place is not marked and is listened to.
 * Made on first use: reading `Request` loads Node's fetch, which an import must not pay for.
 */
export function markingRequest(): typeof Request {
  if (marking) return marking;
  const MarkingRequest = function MarkingRequest(
    input: RequestInfo | URL,
    init?: RequestInit,
  ): Request {
    const request = new Request(input, init);
    if (!init?.signal) Object.defineProperty(request, UNABORTABLE, { value: true });
    return request;
  } as unknown as typeof Request;
  // openapi-fetch checks what a middleware returns with `instanceof` this class.
  MarkingRequest.prototype = Request.prototype;
  marking = MarkingRequest;
  return marking;
}

let marking: typeof Request | undefined;

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
