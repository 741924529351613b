// The simulator's options, their defaults declared once, and the checks that refuse a bad value
// by naming it and what was expected.
import { type FaultName, type FaultsOption, parseFaults } from "./faults.js";

export interface SimulatorOptions {
  /** Makes the workspace: the same seed gives the same Collections, Datasets and runs. Default 1. */
  seed?: number | undefined;
  /** How many Collections the workspace has. Default 3. */
  collections?: number | undefined;
  /** How many Datasets, spread over the Collections (the first holds about half). Default 60. */
  datasets?: number | undefined;
  /**
   * How many times faster than the machine's clock Mode's clock runs: the rate-limit window, run
   * durations and `Retry-After` shrink alike. Default 1.
   */
  timeScale?: number | undefined;
  /** Faults by name and count, `"write-reset=1,slow-answer=2"`. Default none. */
  faults?: FaultsOption | undefined;
  /** Warnings fail the verdict too. Default false. */
  strict?: boolean | undefined;
}

export const SIMULATOR_DEFAULTS = {
  seed: 1,
  collections: 3,
  datasets: 60,
  timeScale: 1,
  strict: false,
} as const;

export interface ResolvedOptions {
  seed: number;
  collections: number;
  datasets: number;
  timeScale: number;
  faults: Map<FaultName, number>;
  /** The faults as given, for the report. */
  faultsText: string;
  strict: boolean;
}

function wholeNumber(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(
      `${name} ${JSON.stringify(value) ?? String(value)} is invalid; expected a whole number from ${min} to ${max}`,
    );
  }
  return value;
}

export function resolveOptions(options: SimulatorOptions = {}): ResolvedOptions {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(
      `options has type ${typeof options}; expected an object such as { seed: 1 }`,
    );
  }
  const timeScale = options.timeScale ?? SIMULATOR_DEFAULTS.timeScale;
  if (
    typeof timeScale !== "number" ||
    !Number.isFinite(timeScale) ||
    timeScale < 0.01 ||
    timeScale > 10_000
  ) {
    throw new RangeError(
      `timeScale ${String(timeScale)} is invalid; expected a number from 0.01 to 10000`,
    );
  }
  const strict = options.strict ?? SIMULATOR_DEFAULTS.strict;
  if (typeof strict !== "boolean")
    throw new TypeError(`strict has type ${typeof strict}; expected true or false`);
  const faults = parseFaults(options.faults);
  return {
    seed: wholeNumber("seed", options.seed ?? SIMULATOR_DEFAULTS.seed, 0, 2 ** 32 - 1),
    collections: wholeNumber(
      "collections",
      options.collections ?? SIMULATOR_DEFAULTS.collections,
      1,
      1_000,
    ),
    datasets: wholeNumber("datasets", options.datasets ?? SIMULATOR_DEFAULTS.datasets, 0, 100_000),
    timeScale,
    faults,
    faultsText: [...faults].map(([name, count]) => `${name}=${count}`).join(","),
    strict,
  };
}
