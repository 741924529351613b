// Mode's clock as the simulator keeps it: it starts at a fixed moment (so a seeded workspace and
// its report read the same on every run) and runs `timeScale` times faster than the machine's,
// which shortens the rate-limit window, run durations and `Retry-After` alike.

/** The simulated moment every workspace starts at: its timestamps all lie before it. */
export const SIMULATION_START = Date.UTC(2024, 8, 2, 8, 0, 0, 0);

export interface SimClock {
  readonly timeScale: number;
  /** Mode's time now, in epoch milliseconds. */
  now(): number;
  /** Simulated milliseconds since the simulator started. */
  elapsed(): number;
  /** The machine's milliseconds since the simulator started (for what clients wait in real time). */
  realElapsed(): number;
  /** How many of the machine's milliseconds `simulatedMs` of Mode's time take. */
  toReal(simulatedMs: number): number;
}

/**
 * A clock running `timeScale` times faster than `realNow` (default `performance.now`, which
 * never jumps back when the machine's wall clock is set).
 */
export function createClock(
  timeScale: number,
  realNow: () => number = () => performance.now(),
): SimClock {
  const realStart = realNow();
  const realElapsed = (): number => Math.max(0, realNow() - realStart);
  const elapsed = (): number => realElapsed() * timeScale;
  return {
    timeScale,
    now: () => SIMULATION_START + Math.floor(elapsed()),
    elapsed,
    realElapsed,
    toReal: (simulatedMs) => simulatedMs / timeScale,
  };
}
