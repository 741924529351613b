// A result's rows written as CSV (RFC 4180: a header line, fields quoted when they hold a comma,
// a quote or a line break, CRLF between records) or as JSON (an array of objects keyed by column
// name), in chunks of rows so the body streams.
import type { Column } from "../workspace/types.js";
import type { Cell } from "./rows.js";

const ROWS_PER_CHUNK = 200;

const csvField = (value: Cell): string => {
  if (value === null) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function* csvChunks(columns: readonly Column[], rows: Iterable<Cell[]>): Generator<string> {
  let chunk = `${columns.map((c) => csvField(c.name)).join(",")}\r\n`;
  let count = 0;
  for (const row of rows) {
    chunk += `${row.map(csvField).join(",")}\r\n`;
    if (++count % ROWS_PER_CHUNK === 0) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk !== "") yield chunk;
}

export function* jsonChunks(columns: readonly Column[], rows: Iterable<Cell[]>): Generator<string> {
  let chunk = "[";
  let count = 0;
  for (const row of rows) {
    const record = Object.fromEntries(columns.map((c, i) => [c.name, row[i] ?? null]));
    chunk += `${count === 0 ? "" : ","}${JSON.stringify(record)}`;
    if (++count % ROWS_PER_CHUNK === 0) {
      yield chunk;
      chunk = "";
    }
  }
  yield `${chunk}]`;
}
