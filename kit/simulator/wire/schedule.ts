// A Dataset's schedule as Mode sends it: `hour` and `minute` as words for people, the times of
// its last and next scheduled runs read from Mode's clock.
import type { ScheduleRecord } from "../workspace/schedules.js";
import type { DatasetRecord } from "../workspace/types.js";
import { api, iso } from "./hal.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const clock = (hour: number, minute: number): string =>
  `${hour % 12 === 0 ? 12 : hour % 12}:${String(minute).padStart(2, "0")} ${hour < 12 ? "am" : "pm"}`;

/** When a schedule last fired at or before `now`, and when it fires next. */
function firings(schedule: ScheduleRecord, now: number): { last: number; next: number } {
  const period =
    schedule.frequency === "hourly" ? HOUR : schedule.frequency === "daily" ? DAY : 7 * DAY;
  const offset = (schedule.hour ?? 0) * HOUR + schedule.minute * 60_000;
  const last = Math.floor((now - offset) / period) * period + offset;
  return { last, next: last + period };
}

export function scheduleBody(
  account: string,
  dataset: DatasetRecord,
  schedule: ScheduleRecord,
  now: number,
): Record<string, unknown> {
  const { last, next } = firings(schedule, now);
  const report = `/${account}/reports/${dataset.token}`;
  return {
    token: schedule.token,
    name: schedule.name,
    frequency: schedule.frequency,
    hour: schedule.hour === null ? null : clock(schedule.hour, schedule.minute),
    minute: `${schedule.minute} minutes past the hour`,
    day_of_week: schedule.dayOfWeek,
    time_zone: "UTC",
    parameters: {},
    timeout: 3600,
    retry_count: 0,
    retry_delay: 0,
    subscribed: false,
    subscriber_count: 0,
    report_token: dataset.token,
    report_name: dataset.name,
    report_type: "DatasetReport",
    created_at: iso(schedule.createdAt),
    updated_at: iso(schedule.createdAt),
    last_scheduled_run: iso(last),
    next_scheduled_run: iso(next),
    _links: {
      self: api(`${report}/schedules/${schedule.token}`),
      report: api(report),
      report_runs: api(`${report}/runs`),
    },
  };
}
