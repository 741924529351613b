// mode.verify: a cheap check of the credentials before other calls.
import type { ModeClient } from "../client/create-mode-client.js";
import type { Verification } from "../schema-types.js";
import { type CallOptions, callForObject, type ModePromise } from "./call.js";

/**
 * verifyCredentials: resolves when the token and secret work (a `ModeUnauthorizedError` when
 * they do not), with what Mode says about them.
 */
export function verifyCredentials(
  client: ModeClient,
  options?: CallOptions,
): ModePromise<Verification> {
  return callForObject(client, "get", "/verify", {}, options);
}
