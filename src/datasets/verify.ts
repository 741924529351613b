import type { ModeClient } from "../client/create-mode-client.js";
import type { Verification } from "../schema-types.js";
import { type CallOptions, unwrap } from "./mode-datasets.js";

/**
 * verifyCredentials: resolves when the token and secret work (a `ModeUnauthorizedError` when
 * they do not), with what Mode says about them; a cheap check before other calls.
 */
export async function verifyCredentials(
  client: ModeClient,
  options?: CallOptions,
): Promise<Verification> {
  const result = await client.GET("/verify", options?.signal ? { signal: options.signal } : {});
  return unwrap(result, "GET", "/verify");
}
