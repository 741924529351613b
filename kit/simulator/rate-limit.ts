// Mode's rate limit as the simulator enforces it: at most `limit` requests per credential within
// any window of Mode's time (40 per 10 s), counted when admitted. A refused request is not
// counted, so a client that waits as told gets in; `Retry-After` says when the oldest admitted
// request leaves the window.

export const RATE_LIMIT = { limit: 40, windowMs: 10_000 } as const;

export interface RateLimiter {
  /** Admits the request, or says how long (Mode's ms) until one would be admitted. */
  admit(
    credential: string,
    now: number,
  ): { admitted: true } | { admitted: false; retryAfterMs: number };
}

/** Credentials remembered at once; one idle for a whole window has nothing left to remember. */
const MAX_CREDENTIALS = 10_000;

export function createRateLimiter(limit: number, windowMs: number): RateLimiter {
  const admitted = new Map<string, number[]>();
  const forget = (now: number): void => {
    for (const [credential, times] of admitted) {
      if ((times[times.length - 1] ?? 0) <= now - windowMs) admitted.delete(credential);
    }
    // Still full of active credentials: the oldest go, which can only make the limit kinder.
    while (admitted.size >= MAX_CREDENTIALS)
      admitted.delete(admitted.keys().next().value as string);
  };
  return {
    admit(credential, now) {
      let times = admitted.get(credential);
      if (!times) {
        if (admitted.size >= MAX_CREDENTIALS) forget(now);
        times = [];
        admitted.set(credential, times);
      }
      while (times.length > 0 && (times[0] ?? 0) <= now - windowMs) times.shift();
      if (times.length >= limit) {
        return { admitted: false, retryAfterMs: (times[0] ?? now) + windowMs - now };
      }
      times.push(now);
      return { admitted: true };
    },
  };
}
