// Faults injected by name and count, `write-reset=1,slow-answer=2`: each hits the first N
// requests it applies to. Write faults happen after the simulator has carried the write out, so
// a client that repeats the write does it twice; read faults happen instead of the read.

export const FAULTS = {
  "write-reset":
    "the first N writes are carried out, then their connection is reset before any answer",
  "write-error": "the first N writes are carried out, then answered 500",
  "server-error": "the first N reads are answered 500",
  "stalled-body": "the first N reads send their headers and half their body, then nothing more",
  "slow-answer": "the first N reads are answered after 35 s of Mode's time",
} as const;

export type FaultName = keyof typeof FAULTS;

/** How long a `slow-answer` keeps the client waiting, in Mode's milliseconds. */
export const SLOW_ANSWER_MS = 35_000;

export type FaultsOption = string | Partial<Record<FaultName, number>>;

const isFault = (name: string): name is FaultName => Object.hasOwn(FAULTS, name);

/** Reads `write-reset=1,slow-answer=2` (or an object of counts); throws naming a bad part. */
export function parseFaults(option: FaultsOption | undefined): Map<FaultName, number> {
  const counts = new Map<FaultName, number>();
  if (option === undefined) return counts;
  const entries: Array<[string, unknown]> =
    typeof option === "string"
      ? option
          .split(",")
          .map((part) => part.trim())
          .filter((part) => part !== "")
          .map((part) => {
            const [name = "", count, ...rest] = part.split("=");
            if (count === undefined || rest.length > 0) {
              throw new RangeError(
                `fault ${JSON.stringify(part)} is not NAME=COUNT; for example write-reset=1`,
              );
            }
            return [name.trim(), count.trim() === "" ? Number.NaN : Number(count)];
          })
      : typeof option === "object" && option !== null
        ? Object.entries(option)
        : (() => {
            throw new TypeError(
              `faults has type ${typeof option}; expected a string such as "write-reset=1" or an object of counts`,
            );
          })();
  for (const [name, count] of entries) {
    if (!isFault(name)) {
      throw new RangeError(
        `unknown fault ${JSON.stringify(name)}; expected one of ${Object.keys(FAULTS).join(", ")}`,
      );
    }
    if (typeof count !== "number" || !Number.isSafeInteger(count) || count < 1) {
      throw new RangeError(
        `fault ${name} has count ${JSON.stringify(count)}; expected a whole number of at least 1`,
      );
    }
    counts.set(name, (counts.get(name) ?? 0) + count);
  }
  return counts;
}

/** Takes one of `name` if any is left. */
export function takeFault(counts: Map<FaultName, number>, name: FaultName): boolean {
  const left = counts.get(name) ?? 0;
  if (left <= 0) return false;
  counts.set(name, left - 1);
  return true;
}
