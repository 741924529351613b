import { invalid } from "../internal/checks.js";
import { readEnv } from "../internal/env.js";
import type { Log } from "../internal/log.js";

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

/**
 * How much the client reports: `"debug"` every attempt with its status and time; `"info"`
 * retries and waits for the rate limiter; `"warn"` slow attempts and the API asking every
 * call to hold off (a 429 with Retry-After); `"error"` nothing yet; `"off"` nothing.
 */
export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

const LEVELS = ["off", "error", "warn", "info", "debug"] as const;

/**
 * The levels to report at `level` (else `MODE_LOG` from the environment, else off), each
 * writing to `logger` (default `console`). A logger that throws does not fail the request it
 * was told about.
 */
export function createLog(
  logger: Logger | undefined,
  level: LogLevel | undefined,
  envName: string,
): Log {
  const fromEnv = level === undefined ? readEnv(envName) || undefined : undefined;
  const chosen = level ?? fromEnv ?? "off";
  const rank = LEVELS.indexOf(chosen as LogLevel);
  if (rank === -1)
    throw invalid(
      fromEnv === undefined ? "logLevel" : envName,
      JSON.stringify(chosen),
      LEVELS.join(", "),
    );
  const target = logger ?? console;
  const log: Log = {};
  for (const name of LEVELS.slice(1, rank + 1) as (keyof Log)[]) {
    const write = (target as unknown as Record<string, unknown> | null)?.[name];
    if (typeof write !== "function")
      throw new TypeError(
        `logger.${name} is not a function; expected an object with debug, info, warn and error, such as console`,
      );
    log[name] = (message: string, details?: Record<string, unknown>) => {
      try {
        write.call(target, message, details);
      } catch {
        // The logger's failure is not the request's.
      }
    };
  }
  return log;
}
