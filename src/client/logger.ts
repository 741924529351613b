/**
 * Where the client reports what it is doing. Any object with these four methods will do;
 * `console` is one. `details` holds plain data only, already free of credentials.
 */
export interface Logger {
  debug(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}
