// What every HAL body of the simulator shares: Mode's timestamp format and links under `/api`,
// the paths Mode's own links use, so a client that follows them reaches the simulator again.

/** ISO 8601 in UTC with milliseconds, as Mode writes every timestamp. */
export const iso = (ms: number): string => new Date(ms).toISOString();

export const isoOrNull = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined ? null : iso(ms);

export interface Link {
  href: string;
  templated?: boolean;
}

/** A link to an API path (`/northwind/reports/x` becomes `/api/northwind/reports/x`). */
export const api = (path: string): Link => ({ href: `/api${path}`, templated: false });

/** A link into Mode's web app. */
export const web = (path: string): Link => ({
  href: `https://app.mode.com${path}`,
  templated: false,
});
