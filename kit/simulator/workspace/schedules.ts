// The schedules that run a Dataset: read-only, so made from the Dataset's token when asked,
// the same at every read. About half the Datasets have one, a few have two.
import { hashString, seededRandom } from "../random.js";
import type { DatasetRecord } from "./types.js";

export interface ScheduleRecord {
  token: string;
  name: string;
  frequency: "hourly" | "daily" | "weekly";
  hour: number | null;
  minute: number;
  dayOfWeek: number | null;
  createdAt: number;
}

export function schedulesOf(dataset: DatasetRecord): ScheduleRecord[] {
  const random = seededRandom(hashString(`schedules:${dataset.token}`));
  const count = random.chance(0.5) ? 0 : random.chance(0.8) ? 1 : 2;
  return Array.from({ length: count }, (): ScheduleRecord => {
    const frequency = random.pick(["hourly", "daily", "weekly"] as const);
    return {
      token: random.hex(12),
      name:
        frequency === "hourly"
          ? "Hourly refresh"
          : frequency === "daily"
            ? "Morning refresh"
            : "Weekly refresh",
      frequency,
      hour: frequency === "hourly" ? null : random.int(5, 9),
      minute: random.pick([0, 15, 30, 45]),
      dayOfWeek: frequency === "weekly" ? random.int(1, 5) : null,
      createdAt: dataset.createdAt + random.int(1, 48) * 3_600_000,
    };
  });
}
