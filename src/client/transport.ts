import { checkDuration } from "../internal/timers.js";
import type { CallPlan } from "../resilience/resilient-fetch.js";
import {
  type ResolvedRetryOptions,
  type RetryOptions,
  resolveRetryOptions,
} from "../resilience/retry.js";
import { DEFAULTS } from "./options.js";

/** How long an attempt may take and how failures are retried, for a client or for one call. */
export interface CallSettings {
  timeoutMs: number | false;
  retry: ResolvedRetryOptions | false;
}

/** What a call learns as it goes out, for the layer that started it: the credentials it sent. */
export interface CallRecord {
  secrets: readonly string[];
}

/** How a client sends a request: credentials, then the resilient fetch, with given settings. */
export interface Transport {
  /** The client's own settings, used when a call names none of its own. */
  readonly settings: CallSettings;
  send(request: Request, settings: CallSettings, record?: CallRecord): Promise<Response>;
}

export function createTransport(
  settings: CallSettings,
  auth: (request: Request) => Promise<readonly string[]>,
  sender: (request: Request, plan: CallPlan) => Promise<Response>,
): Transport {
  return {
    settings,
    async send(request, { timeoutMs, retry }, record) {
      const secrets = await auth(request);
      if (record) record.secrets = secrets;
      return sender(request, { timeoutMs, retry, secrets });
    },
  };
}

/** A duration option: a positive number of milliseconds a timer can hold, or `false`. */
export function checkTimeout(timeoutMs: number | false): number | false {
  if (timeoutMs !== false) checkDuration("timeoutMs", timeoutMs, true);
  return timeoutMs;
}

/**
 * One call's settings: its own `timeoutMs` and `retry` laid over the client's, checked once for
 * the call. A call that names neither shares the client's settings as they are.
 */
export function callSettings(
  base: CallSettings,
  options: { timeoutMs?: number | false | undefined; retry?: RetryOptions | false | undefined },
): CallSettings {
  const { timeoutMs, retry } = options;
  if (timeoutMs === undefined && retry === undefined) return base;
  return {
    timeoutMs: timeoutMs === undefined ? base.timeoutMs : checkTimeout(timeoutMs),
    retry:
      retry === undefined ? base.retry : resolveRetryOptions(retry, base.retry || DEFAULTS.retry),
  };
}

const TRANSPORT = Symbol("mode-datasets.transport");

/** Keeps a client's transport with it, so the layers that take a client can send per-call settings. */
export function attachTransport<C extends object>(client: C, transport: Transport): C {
  Object.defineProperty(client, TRANSPORT, { value: transport });
  return client;
}

/** The transport of a client made by `createModeClient`; undefined for any other client. */
export function transportOf(client: object): Transport | undefined {
  return (client as { [TRANSPORT]?: Transport })[TRANSPORT];
}
