import type { Middleware } from "openapi-fetch";
import { TransportFailure } from "../resilience/resilient-fetch.js";
import { ModeConnectionError, ModeInvalidResponseError, ModeTimeoutError } from "./errors.js";

/**
 * The one place where a request that produced no usable answer becomes a typed error: a
 * transport failure (timeout, connection) and a success body that is not JSON. Both are built
 * here, once, with the operation's path template.
 */
export function createErrorMiddleware(): Middleware {
  return {
    async onResponse({ request, response, schemaPath, options }) {
      if (
        !response.ok ||
        options.parseAs !== "json" ||
        request.method === "HEAD" ||
        response.status === 204
      ) {
        return undefined;
      }
      // A body labelled JSON is left to openapi-fetch's own parse (parsing every page twice
      // would double the cost of large listings); `catchInvalidJson` types its SyntaxError.
      if (response.body === null || /\bjson\b/i.test(response.headers.get("content-type") ?? ""))
        return undefined;
      const text = await response.clone().text();
      if (text === "") return undefined;
      try {
        JSON.parse(text);
        return undefined;
      } catch (cause) {
        throw new ModeInvalidResponseError({
          message: `${request.method} ${schemaPath} answered ${response.status} with a body that is not JSON (content-type ${response.headers.get("content-type") ?? "none"})`,
          method: request.method,
          path: schemaPath,
          url: request.url,
          status: response.status,
          body: text.slice(0, 500),
          cause,
        });
      }
    },
    onError({ error, request, schemaPath }) {
      if (error instanceof TransportFailure) return transportError(error, request, schemaPath);
      return undefined;
    },
  };
}

/**
 * Runs a client call and turns the SyntaxError openapi-fetch throws for a success body that is
 * labelled JSON but is not (a server bug, a proxy's stub) into a `ModeInvalidResponseError`.
 */
export async function catchInvalidJson<T>(
  method: string,
  path: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new ModeInvalidResponseError({
      message: `${method} ${path} answered with a body that is not valid JSON (${error.message})`,
      method,
      path,
      cause: error,
    });
  }
}

function transportError(
  failure: TransportFailure,
  request: Request,
  path: string,
): ModeTimeoutError | ModeConnectionError {
  const method = request.method.toUpperCase();
  const { url } = request;
  const { attempts, cause } = failure;
  const tries = attempts === 1 ? "1 attempt" : `${attempts} attempts`;
  const common = { method, path, url, attempts, cause };
  if (failure.failure === "timeout") {
    return new ModeTimeoutError({
      ...common,
      message: `${method} ${path} timed out after ${String(failure.timeoutMs)} ms (${tries})`,
    });
  }
  const reason = cause instanceof Error ? describeCause(cause) : String(cause);
  return new ModeConnectionError({
    ...common,
    message: `${method} ${path} failed to connect: ${reason} (${tries})`,
  });
}

// undici reports "fetch failed" and puts the useful part (ECONNRESET, ECONNREFUSED) in cause.
function describeCause(error: Error): string {
  const inner = error.cause;
  if (inner instanceof Error && inner.message) return `${error.message} (${inner.message})`;
  return error.message;
}
