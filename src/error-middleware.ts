import type { Middleware } from "openapi-fetch";
import {
  type ModeApiError,
  ModeConnectionError,
  ModeInvalidResponseError,
  ModeTimeoutError,
} from "./errors.js";

/**
 * Gives transport errors the operation's path template, and turns a success body that is not
 * JSON (an HTML maintenance page, a truncated document) into a typed error instead of a bare
 * SyntaxError from deep inside openapi-fetch.
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
      // would double the cost of large listings); the throwing layer types its SyntaxError.
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
    onError({ error, schemaPath }) {
      if (error instanceof ModeTimeoutError || error instanceof ModeConnectionError) {
        return retemplate(error, schemaPath);
      }
      return undefined;
    },
  };
}

function retemplate(
  error: ModeTimeoutError | ModeConnectionError,
  schemaPath: string,
): ModeApiError {
  const Kind = error instanceof ModeTimeoutError ? ModeTimeoutError : ModeConnectionError;
  return new Kind({
    message: error.message.replace(
      `${error.method} ${error.path}`,
      `${error.method} ${schemaPath}`,
    ),
    method: error.method,
    path: schemaPath,
    url: error.url,
    attempts: error.attempts,
    cause: error.cause,
  });
}
