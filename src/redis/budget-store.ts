/**
 * One bounded call of the budget script: it waits at most `operationTimeoutMs` for a connection
 * and an answer together, and any failure becomes a `RedisUnavailableError`.
 */
import {
  BUDGET_SCRIPT,
  type BudgetOperation,
  type BudgetReply,
  budgetScriptSha,
  parseBudgetReply,
} from "./budget-script.js";
import type { RedisScripting } from "./redis-scripting.js";
import { RedisUnavailableError } from "./redis-unavailable-error.js";

export interface BudgetStoreSettings {
  redis: RedisScripting;
  /** The keys' prefix, once hashed. */
  key: Promise<string>;
  requests: number;
  intervalMs: number;
  leaseMs: number;
  operationTimeoutMs: number;
}

export interface BudgetCall {
  /** A slot's id (release, cancel), the prefix of the slots' ids (acquire), else any string. */
  id: string;
  /** Slots wanted (acquire), or the pause's milliseconds (pause). */
  amount?: number;
  /**
   * Fail at once when the client is not connected, instead of waiting for it. Set while an
   * outage is known, so that calls do not each wait out the timeout on a Redis that is down.
   */
  failFast: boolean;
}

// How often a client still connecting is looked at: a local flag, no Redis traffic.
const READY_CHECK_MS = 20;

export function createBudgetStore(settings: BudgetStoreSettings) {
  const { redis, operationTimeoutMs } = settings;
  const common = [String(settings.requests), String(settings.intervalMs), String(settings.leaseMs)];

  return {
    async run(op: BudgetOperation, call: BudgetCall): Promise<BudgetReply> {
      const key = await settings.key;
      const started = performance.now();
      const left = (): number => operationTimeoutMs - (performance.now() - started);
      // Nothing is sent on a connection that is down: the client would queue the command and
      // run it whenever it reconnects, taking a slot nobody uses.
      while (!redis.ready()) {
        if (call.failFast || left() <= 0) {
          throw new RedisUnavailableError("not_connected", key, operationTimeoutMs);
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(READY_CHECK_MS, left())));
      }
      const keys = [`${key}:inflight`, `${key}:settled`, `${key}:paused`];
      const args = [op, call.id, ...common, String(call.amount ?? 0)];
      const sha = await budgetScriptSha;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new RedisUnavailableError("timeout", key, operationTimeoutMs)),
          Math.max(0, left()),
        );
      });
      const answer = runScript(redis, { source: BUDGET_SCRIPT, sha }, keys, args);
      // Once timed out, a late failure of the command has no one left to hear it.
      answer.catch(() => undefined);
      try {
        const reply = await Promise.race([answer, timeout]);
        return parseBudgetReply(reply);
      } catch (error) {
        if (error instanceof RedisUnavailableError) throw error;
        throw new RedisUnavailableError("error", key, operationTimeoutMs, { cause: error });
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

export type BudgetStore = ReturnType<typeof createBudgetStore>;

/** Runs the script by its SHA-1, sending the source once when Redis lacks it (after a restart). */
async function runScript(
  redis: RedisScripting,
  script: { source: string; sha: string },
  keys: string[],
  args: string[],
): Promise<unknown> {
  try {
    return await redis.evalSha(script.sha, keys, args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
    return await redis.evalScript(script.source, keys, args);
  }
}
