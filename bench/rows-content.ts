/**
 * A run's result content for the bench server: N rows of CSV or JSON, made a chunk at a time
 * as the socket takes them (so a 100 MB body never exists whole in the server either). The rows
 * are what Mode's answers hold: about 100 bytes of CSV each, with a quoted comma, doubled quotes,
 * a line break inside a field and multi-byte UTF-8 among them, so the parsers do their real work.
 *
 * Route: GET /{account}/reports/rows-{N}/runs/{run}/results/content.csv (or .json). A Dataset
 * named `rows-{N}` (its getDataset answer names a latest successful run) has these as its rows.
 */
import type { ServerResponse } from "node:http";

const CONTENT = /^\/[^/]+\/reports\/rows-(\d+)\/runs\/[^/]+\/results\/content\.(csv|json)$/;

export const ROW_COLUMNS = [
  "id",
  "created_at",
  "region",
  "customer",
  "amount",
  "status",
  "note",
] as const;

const REGIONS = ["EMEA", "North, East", "São Paulo", "東京", "APAC"];
const STATUSES = ["shipped", "pending", "returned"];
const NOTES = [
  "standard delivery",
  'customer said "leave it at the door"',
  "two parcels\nsecond one follows",
  "priority, fragile",
];
/** Rows per write: about 100 kB of CSV. */
const CHUNK_ROWS = 1_000;

/** The values of row `i`, as strings (a CSV reader gives them back exactly so). */
export function rowValues(i: number): string[] {
  const day = String(1 + (i % 28)).padStart(2, "0");
  const second = String(i % 60).padStart(2, "0");
  return [
    String(i),
    `2026-03-${day}T12:34:${second}Z`,
    REGIONS[i % REGIONS.length] as string,
    `Customer no. ${String(i % 9_973).padStart(5, "0")}`,
    ((i % 100_000) * 1.25).toFixed(2),
    STATUSES[i % STATUSES.length] as string,
    NOTES[i % NOTES.length] as string,
  ];
}

// RFC 4180 quoting: written here, independent of any parser being measured.
const quote = (value: string): string =>
  /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

function csvChunk(from: number, to: number): string {
  let text = from === 0 ? `${ROW_COLUMNS.join(",")}\n` : "";
  for (let i = from; i < to; i++) text += `${rowValues(i).map(quote).join(",")}\n`;
  return text;
}

function jsonChunk(from: number, to: number, total: number): string {
  let text = from === 0 ? "[" : "";
  for (let i = from; i < to; i++) {
    const values = rowValues(i);
    const row: Record<string, string | number> = {};
    ROW_COLUMNS.forEach((column, at) => {
      row[column] = values[at] as string;
    });
    row["id"] = i;
    row["amount"] = Number(row["amount"]);
    text += `${JSON.stringify(row)}${i + 1 < total ? ",\n" : ""}`;
  }
  return to >= total ? `${text}]` : text;
}

/** Answers a result-content path with its rows; false when the path is not one. */
export function routeRowContent(pathname: string, response: ServerResponse): boolean {
  const match = CONTENT.exec(pathname);
  if (!match) return false;
  const total = Number(match[1]);
  const format = match[2] as "csv" | "json";
  response.writeHead(200, {
    "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json",
  });
  let next = 0;
  // Written as fast as the socket drains and no faster: the server holds one chunk at a time.
  const pump = (): void => {
    while (next < total || (next === 0 && total === 0)) {
      const to = Math.min(total, next + CHUNK_ROWS);
      const text = format === "csv" ? csvChunk(next, to) : jsonChunk(next, to, total);
      next = Math.max(to, 1);
      if (!response.write(text)) {
        response.once("drain", pump);
        return;
      }
    }
    response.end();
  };
  response.on("close", () => {
    next = Number.POSITIVE_INFINITY;
  });
  pump();
  return true;
}
