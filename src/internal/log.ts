/** One level of a logger: a message, and plain details free of credentials. */
export type LogFn = (message: string, details?: Record<string, unknown>) => void;

/**
 * The levels the client was asked to report, each present only when enabled, so a call site
 * writes `log.debug?.(...)` and builds no message for a level that is off.
 */
export interface Log {
  debug?: LogFn | undefined;
  info?: LogFn | undefined;
  warn?: LogFn | undefined;
  error?: LogFn | undefined;
}
