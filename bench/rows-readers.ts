/**
 * A Dataset's rows read four ways against the bench server: `mode.datasets.results` as CSV and
 * as JSON, and the baselines, plain `fetch` with the same parser the client uses (papaparse
 * streaming over the body, header mode, so the same row objects; @streamparser/json picking
 * each element of the array). Each reader reads every row, checks the last one is the row the
 * server sent, and resolves with the rows and bytes read; `onRow` lets the memory child sample as
 * it goes.
 */
import { JSONParser } from "@streamparser/json";
import { Readable } from "node:stream";
import Papa from "papaparse";
import { createModeDatasets } from "../src/index.js";
import { ROW_COLUMNS, rowValues } from "./rows-content.js";
import { ACCOUNT, SECRET, TOKEN, UNTHROTTLED } from "./variants.js";

/** The Dataset whose latest run has `rows` rows (see rows-content.ts). */
export const rowsDataset = (rows: number): string => `rows-${rows}`;

export type RowsFormat = "csv" | "json";
export interface RowsRead {
  rows: number;
  bytes: number;
}
export type ReadRows = (rows: number, onRow?: (count: number) => void) => Promise<RowsRead>;

export interface RowReaders {
  results: Record<RowsFormat, ReadRows>;
  baseline: Record<RowsFormat, ReadRows>;
}

const authorization = `Basic ${Buffer.from(`${TOKEN}:${SECRET}`).toString("base64")}`;
// The server's getDataset answer is the spec's example, whose latest successful run is this.
const LATEST_RUN = "c81d5f2a9e63";

export function rowReaders(origin: string): RowReaders {
  const mode = createModeDatasets({
    baseUrl: origin,
    token: TOKEN,
    secret: SECRET,
    rateLimit: UNTHROTTLED,
  });
  const contentUrl = (rows: number, format: RowsFormat): string =>
    `${origin}/${ACCOUNT}/reports/${rowsDataset(rows)}/runs/${LATEST_RUN}/results/content.${format}`;
  const open = async (rows: number, format: RowsFormat): Promise<ReadableStream<Uint8Array>> => {
    const response = await fetch(contentUrl(rows, format), {
      headers: {
        Accept: format === "csv" ? "text/csv" : "application/json",
        Authorization: authorization,
      },
    });
    if (!response.ok || !response.body) throw new Error(`fetch got ${response.status}`);
    return response.body;
  };
  const viaResults =
    (format: RowsFormat): ReadRows =>
    async (rows, onRow) => {
      const read = await mode.datasets.results({
        account: ACCOUNT,
        dataset: rowsDataset(rows),
        format,
      });
      let count = 0;
      let last: Record<string, unknown> | undefined;
      for await (const row of read) {
        last = row;
        count++;
        onRow?.(count);
      }
      checked(count, rows, last, format);
      return { rows: count, bytes: read.bytesRead };
    };
  return {
    results: { csv: viaResults("csv"), json: viaResults("json") },
    baseline: {
      async csv(rows, onRow) {
        // Text, not bytes: papaparse turns each Buffer into a string on its own, which would
        // split a character that straddles two chunks.
        let bytes = 0;
        const decoder = new TextDecoder();
        const decoded = new TransformStream<Uint8Array, string>({
          transform(chunk, controller) {
            bytes += chunk.byteLength;
            controller.enqueue(decoder.decode(chunk, { stream: true }));
          },
          flush(controller) {
            const rest = decoder.decode();
            if (rest !== "") controller.enqueue(rest);
          },
        });
        const text = Readable.fromWeb((await open(rows, "csv")).pipeThrough(decoded) as never);
        let count = 0;
        let last: Record<string, unknown> | undefined;
        await new Promise<void>((resolve, reject) => {
          Papa.parse<Record<string, string>>(text as never, {
            header: true,
            skipEmptyLines: true,
            step(result) {
              if (result.errors.length > 0) reject(new Error(result.errors[0]?.message));
              last = result.data;
              count++;
              onRow?.(count);
            },
            complete: () => resolve(),
            error: reject,
          });
        });
        checked(count, rows, last, "csv");
        return { rows: count, bytes };
      },
      async json(rows, onRow) {
        const parser = new JSONParser({ paths: ["$.*"], keepStack: false });
        let count = 0;
        let last: Record<string, unknown> | undefined;
        parser.onValue = ({ value }) => {
          last = value as Record<string, unknown>;
          count++;
          onRow?.(count);
        };
        let bytes = 0;
        const reader = (await open(rows, "json")).getReader();
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
          bytes += chunk.value.byteLength;
          parser.write(chunk.value);
        }
        // The parser ends itself once the top-level array closes.
        if (!parser.isEnded) parser.end();
        checked(count, rows, last, "json");
        return { rows: count, bytes };
      },
    },
  };
}

/** Throws unless the count and the last row are what the server sent. */
function checked(
  count: number,
  rows: number,
  last: Record<string, unknown> | undefined,
  format: RowsFormat,
): void {
  if (count !== rows) throw new Error(`read ${count} rows, expected ${rows}`);
  if (rows === 0) return;
  const values = rowValues(rows - 1);
  const expected: Record<string, unknown> = Object.fromEntries(
    ROW_COLUMNS.map((column, at) => [column, values[at]]),
  );
  if (format === "json") {
    expected["id"] = rows - 1;
    expected["amount"] = Number(expected["amount"]);
  }
  if (JSON.stringify(last) !== JSON.stringify(expected))
    throw new Error(
      `the last row is ${JSON.stringify(last)}, expected ${JSON.stringify(expected)}`,
    );
}
