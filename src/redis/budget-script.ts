/**
 * The one Lua script that keeps a shared budget in Redis. Each call is atomic and reads the time
 * from the Redis server (`TIME`), so hosts whose clocks disagree still share one timeline.
 *
 * Why a sliding log rather than a token bucket: a token bucket counts a request when it starts
 * and refills at a steady rate, so it lets a burst of `requests` through right after another
 * burst's last answers, and a server counting arrivals over any window can see up to twice the
 * limit. The log holds each slot from its acquisition until its attempt settles and keeps it in
 * the window for `intervalMs` after that, exactly as the in-process limiter does: an attempt's
 * arrival at the API happens before it settles, so no two attempts `requests` apart arrive
 * within `intervalMs` of each other, whatever the latency and whichever process sent them. It
 * costs one entry per request of the last window (40 for Mode), which is nothing.
 *
 * KEYS[1] a sorted set of slots in flight, scored by when their lease ends;
 * KEYS[2] a sorted set of settled slots, scored by when they settled;
 * KEYS[3] the time (server milliseconds) until which every acquisition is paused.
 * ARGV: operation, id, requests, intervalMs, leaseMs, amount (slots wanted, or pause length).
 * An acquisition asks for as many slots as its process has callers waiting, so a process takes
 * its share of a window that turns in one round trip rather than one per caller; the slots are
 * `id:1` to `id:n`, each released on its own. Replies `{n, 0}` when n slots were granted (or
 * `{1, 0}`: done), or `{0, ms}`: no slot, try again in `ms`.
 */
export const BUDGET_SCRIPT = `
local time = redis.call('TIME')
-- Whole milliseconds, rounded down: a window looks no shorter than it is.
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local op, id = ARGV[1], ARGV[2]
local requests, interval, lease = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])

-- A lease that ran out belongs to a worker that died or hung holding its slot: the slot counts
-- as settled when the lease ended, since its request reached the API before then.
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'WITHSCORES')
for i = 1, #expired, 2 do
  redis.call('ZADD', KEYS[2], expired[i + 1], expired[i])
end
if #expired > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
  redis.call('PEXPIRE', KEYS[2], interval + 1)
end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - interval)

if op == 'acquire' then
  local paused = tonumber(redis.call('GET', KEYS[3]) or '0')
  if paused > now then return {0, paused - now} end
  local inflight = redis.call('ZCARD', KEYS[1])
  local settled = redis.call('ZCARD', KEYS[2])
  local excess = inflight + settled - requests
  if excess < 0 then
    local granted = math.min(-excess, math.max(1, tonumber(ARGV[6]) or 1))
    for i = 1, granted do
      redis.call('ZADD', KEYS[1], now + lease, id .. ':' .. i)
    end
    -- Every key expires once nothing in it can matter: a lease ends, then its window passes.
    redis.call('PEXPIRE', KEYS[1], lease + interval)
    return {granted, 0}
  end
  -- A slot frees when a settled one leaves the window; one in flight settles now at the
  -- earliest, so it frees a slot no sooner than a whole interval from now.
  local wait = interval
  if settled > excess then
    local leaving = redis.call('ZRANGE', KEYS[2], excess, excess, 'WITHSCORES')
    wait = math.min(wait, tonumber(leaving[2]) + interval - now)
  end
  return {0, math.max(1, math.ceil(wait))}
elseif op == 'release' then
  -- Rounded up, as the settle happened within this millisecond at the latest.
  if redis.call('ZREM', KEYS[1], id) == 1 then
    redis.call('ZADD', KEYS[2], now + 1, id)
    redis.call('PEXPIRE', KEYS[2], interval + 2)
  end
elseif op == 'cancel' then
  -- Granted but never used (its caller gave up): nothing was sent, so nothing is counted.
  redis.call('ZREM', KEYS[1], id)
elseif op == 'pause' then
  local ms = tonumber(ARGV[6])
  local current = tonumber(redis.call('GET', KEYS[3]) or '0')
  if now + ms > current then redis.call('SET', KEYS[3], now + ms, 'PX', ms) end
end
return {1, 0}
`;

/** The script's SHA-1, as EVALSHA names it: computed once, with Web Crypto. */
export const budgetScriptSha: Promise<string> = (async () => {
  const digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(BUDGET_SCRIPT));
  return hex(digest);
})();

export function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** What the script was asked to do. */
export type BudgetOperation = "acquire" | "release" | "cancel" | "pause" | "probe";

/** The script's reply: slots granted (1 for any other operation done), or 0 and how long to wait. */
export interface BudgetReply {
  granted: number;
  waitMs: number;
}

/** Reads the script's `{n, ms}` reply; anything else means the key holds something foreign. */
export function parseBudgetReply(reply: unknown): BudgetReply {
  if (Array.isArray(reply) && reply.length === 2) {
    const [granted = Number.NaN, waitMs = Number.NaN] = reply.map(Number);
    if (Number.isInteger(granted) && granted >= 1 && waitMs === 0) return { granted, waitMs };
    if (granted === 0 && Number.isInteger(waitMs) && waitMs > 0) return { granted, waitMs };
  }
  throw new TypeError(
    `the rate limit script answered ${JSON.stringify(reply)}; expected [slots, 0] or [0, milliseconds]`,
  );
}
