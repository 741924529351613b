import { ModeInvalidResponseError } from "./errors.js";

/**
 * Runs a client call and turns the SyntaxError openapi-fetch throws for a success body that is
 * labelled JSON but is not (a server bug, a proxy's stub) into a `ModeInvalidResponseError`.
 */
export async function typedJsonErrors<T>(
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
