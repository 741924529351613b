// The options every command with the front layer shares: how large a body may be, and how long
// what the kit started gets to end on its own before it is killed.
import type { OptionsTable } from "./command.js";
import { DEFAULT_MAX_BODY_BYTES } from "./front/front.js";

/** A few seconds: enough for a test runner to write its results, short enough for CI. */
export const DEFAULT_GRACE_MS = 3_000;

export const frontOptions = {
  "max-body-bytes": {
    type: "string",
    value: "N",
    description: `largest request or answer body, in bytes (default ${DEFAULT_MAX_BODY_BYTES}, 10 MiB); a larger request gets 413`,
  },
  "grace-ms": {
    type: "string",
    value: "MS",
    description: `on Ctrl-C or SIGTERM, how long open exchanges and started processes get to end before they are cut off (default ${DEFAULT_GRACE_MS})`,
  },
} as const satisfies OptionsTable;

export interface FrontSettings {
  maxBodyBytes: number;
  graceMs: number;
}

/** The defaults applied and each number checked; throws naming a bad value. */
export function frontSettings(values: {
  "max-body-bytes"?: string;
  "grace-ms"?: string;
}): FrontSettings {
  return {
    maxBodyBytes: whole("--max-body-bytes", values["max-body-bytes"], DEFAULT_MAX_BODY_BYTES, 1),
    graceMs: whole("--grace-ms", values["grace-ms"], DEFAULT_GRACE_MS, 0),
  };
}

function whole(name: string, text: string | undefined, fallback: number, least: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === "" || !Number.isSafeInteger(value) || value < least) {
    throw new Error(
      `${name} must be a whole number of at least ${least}, got ${JSON.stringify(text)}`,
    );
  }
  return value;
}
