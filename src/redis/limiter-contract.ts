/**
 * The limiter contract this entry implements, written out structurally so that the entry compiles
 * on its own: any object of this shape is accepted by `createModeClient({ rateLimiter })`.
 */

/** Frees an acquired slot once the attempt has settled; calls after the first do nothing. */
export type RateLimitRelease = () => void;

export interface RateLimiter {
  /**
   * Resolves when the caller may start an attempt, with the function to call once that attempt
   * has settled (body read, or failed or aborted).
   */
  acquire(signal?: AbortSignal | null): Promise<RateLimitRelease>;
  /** Every later acquisition waits until `ms` from now (a 429's Retry-After, a spent budget). */
  pause?(ms: number): void | Promise<void>;
}

/** Where the limiter reports an outage and its end; `console` fits. */
export interface Logger {
  debug(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}
