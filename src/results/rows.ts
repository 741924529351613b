// A result body read as rows: bytes as they arrive, through a ZIP's one file when Mode zipped it,
// strict UTF-8, the CSV or JSON parser, and out one row object at a time. Only the rows of one
// read of the body are held at once, so memory stays flat however many rows there are.
import type { ModeApiError } from "../errors/errors.js";
import { type BodyContext, count, malformed, tooLarge } from "./body-errors.js";
import type { ByteReader } from "./byte-reader.js";
import { csvParser } from "./csv-parser.js";
import { jsonParser } from "./json-parser.js";
import type { ResolvedResultsLimits } from "./options.js";
import { ParseFailure, type RecordParser } from "./record-parser.js";
import { looksLikeZip, zipEntry } from "./zip-entry.js";

/** The formats Mode answers result content in. */
export type ResultsFormat = "csv" | "json";

/** A row of a CSV answer: every value a string, as written (an empty field is ""). */
export type CsvRow = Record<string, string>;
/** A row of a JSON answer: values as Mode wrote them (strings, numbers, booleans, null). */
export type JsonRow = Record<string, unknown>;

/**
 * The rows of one run, read as they arrive: iterate it once with `for await`. `columns` is
 * known before the first row is read. Leaving the loop early (break, return, throw) closes the
 * connection; so does `cancel()`.
 */
export interface ModeRows<Row> extends AsyncIterable<Row> {
  /**
   * The column names, in order: a CSV's header row (a repeated name gets `_1`, `_2`, ... as in
   * papaparse), or the keys of a JSON answer's first row (none when it has no rows).
   */
  readonly columns: readonly string[];
  /** The token of the run (or query run) whose rows these are. */
  readonly run: string;
  readonly format: ResultsFormat;
  /** Rows handed out so far. */
  readonly rowCount: number;
  /** Bytes of the body read so far, after the HTTP layer's decompression. */
  readonly bytesRead: number;
  /** The answer the rows come in, for its headers; its body is what is being read. */
  readonly response: Response;
  /** Stops reading and closes the connection; a loop over the rows then ends. */
  cancel(): Promise<void>;
}

export interface RowsSetup {
  format: ResultsFormat;
  limits: ResolvedResultsLimits;
  context: BodyContext;
  run: string;
  /** The error for a ZIP of several files: the way to each query's rows. */
  several: (names: string[]) => ModeApiError;
}

/** Reads up to the column names, then hands the rest out row by row. */
export async function readRows(
  source: ByteReader,
  setup: RowsSetup,
): Promise<ModeRows<CsvRow> | ModeRows<JsonRow>> {
  const { format, context } = setup;
  let rowCount = 0;
  let failed: unknown;
  const fail = async (error: unknown): Promise<never> => {
    failed ??= error;
    await source.cancel();
    throw failed;
  };
  const batches = await recordBatches(source, setup).catch(fail);
  // The first records: a CSV's header, or a JSON answer's first row, which names the columns.
  let batch: unknown[] = [];
  let at = 0;
  let ended = false;
  const more = async (): Promise<boolean> => {
    const records = await batches.next().catch(fail);
    if (records === undefined) ended = true;
    else {
      batch = records;
      at = 0;
    }
    return !ended;
  };
  while (batch.length === 0 && (await more()));
  let columns: string[] = [];
  let toRow: (record: unknown) => CsvRow | JsonRow;
  if (format === "csv") {
    if (batch.length === 0)
      return fail(malformed(context, "answered an empty body: a CSV has at least its header row"));
    columns = uniqueNames(batch[at++] as string[]);
    toRow = csvRow(columns, (fields) =>
      malformed(
        context,
        `answered a CSV whose row ${rowCount + 1} has ${fields} field${fields === 1 ? "" : "s"} where the header has ${columns.length}`,
      ),
    );
  } else {
    if (batch.length > 0) columns = Object.keys(jsonRow(batch[0], 1, context));
    toRow = (record) => jsonRow(record, rowCount + 1, context);
  }

  let iterated = false;
  const rows = {
    columns,
    run: setup.run,
    format,
    get rowCount() {
      return rowCount;
    },
    get bytesRead() {
      return source.bytesRead;
    },
    response: context.response,
    async cancel() {
      ended = true;
      batch = [];
      await source.cancel();
    },
    [Symbol.asyncIterator](): AsyncIterator<CsvRow | JsonRow> {
      if (iterated)
        throw new TypeError("These rows were iterated already; ask for the results again");
      iterated = true;
      return {
        async next() {
          if (failed !== undefined) throw failed;
          while (at >= batch.length) {
            if (ended || !(await more())) return { done: true, value: undefined };
          }
          let row: CsvRow | JsonRow;
          try {
            row = toRow(batch[at++]);
          } catch (error) {
            return fail(error);
          }
          rowCount++;
          return { done: false, value: row };
        },
        async return() {
          await rows.cancel();
          return { done: true, value: undefined };
        },
      };
    },
  };
  return rows as ModeRows<CsvRow> | ModeRows<JsonRow>;
}

/**
 * The body's records, one read of the body at a time (a read that completes no record is
 * followed by the next); undefined once the body ended cleanly.
 */
async function recordBatches(
  source: ByteReader,
  setup: RowsSetup,
): Promise<{ next(): Promise<unknown[] | undefined> }> {
  const { format, limits, context } = setup;
  const first = await source.read();
  let next = chain(first, () => source.read());
  const zipped = /^application\/(x-)?zip\b/i.test(
    context.response.headers.get("content-type") ?? "",
  );
  if (first !== undefined && (zipped || looksLikeZip(first))) {
    if (format === "json")
      throw malformed(context, "answered a ZIP archive where JSON rows were asked for");
    const entry = await zipEntry(next, setup.several);
    next = () =>
      entry.read().catch((error: unknown) => {
        if (error instanceof ParseFailure) throw malformed(context, `answered ${error.message}`);
        throw error;
      });
  }
  const parser: RecordParser<unknown> = format === "csv" ? await csvParser() : await jsonParser();
  // Fatal: a byte that is not UTF-8 is refused, not read as U+FFFD, which would change the data
  // without a sign. A leading byte order mark is dropped.
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let parsedBytes = 0;
  let pending = 0;
  let done = false;
  const where = (): string => `after ${count(parsedBytes, "byte")}`;
  const decode = (bytes?: Uint8Array): string => {
    try {
      return bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream: true });
    } catch {
      throw malformed(context, `answered text that is not valid UTF-8 (${where()})`);
    }
  };
  const parse = (read: () => unknown[]): unknown[] => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof ParseFailure)) throw error;
      throw malformed(
        context,
        `answered ${format === "csv" ? "CSV" : "JSON"} that cannot be read (${where()}): ${error.message}`,
      );
    }
  };
  return {
    async next() {
      while (!done) {
        const bytes = await next();
        if (bytes === undefined) {
          done = true;
          const text = decode();
          return parse(() => (text === "" ? [] : parser.write(text)).concat(parser.end()));
        }
        parsedBytes += bytes.byteLength;
        if (limits.maxBytes !== false && parsedBytes > limits.maxBytes)
          throw tooLarge(
            context,
            `answered rows over maxBytes (${count(limits.maxBytes, "byte")} after decompression); not read further`,
          );
        const text = decode(bytes);
        const records = parse(() => parser.write(text));
        if (records.length > 0) {
          pending = 0;
          return records;
        }
        pending += text.length;
        if (pending > limits.maxRowLength)
          throw tooLarge(
            context,
            `answered a row longer than maxRowLength (${count(limits.maxRowLength, "character")}); not read further`,
          );
      }
      return undefined;
    },
  };
}

/** Hands out `first`, then what `rest` gives. */
function chain(
  first: Uint8Array | undefined,
  rest: () => Promise<Uint8Array | undefined>,
): () => Promise<Uint8Array | undefined> {
  let given = first === undefined;
  return () => {
    if (given) return rest();
    given = true;
    return Promise.resolve(first);
  };
}

/** Column names as papaparse's header mode makes them: a repeated name gets `_1`, `_2`, .... */
function uniqueNames(header: readonly string[]): string[] {
  const seen = new Map<string, number>();
  const taken = new Set(header);
  return header.map((name) => {
    let times = seen.get(name) ?? 0;
    seen.set(name, times + 1);
    if (times === 0) return name;
    let renamed = `${name}_${times}`;
    while (taken.has(renamed)) renamed = `${name}_${++times}`;
    taken.add(renamed);
    return renamed;
  });
}

/** Turns a CSV record into an object keyed by the columns; a record of another width is refused. */
function csvRow(
  columns: readonly string[],
  wrongWidth: (fields: number) => ModeApiError,
): (record: unknown) => CsvRow {
  const width = columns.length;
  // A column named `__proto__` would set the object's prototype if assigned.
  const defined = columns.includes("__proto__");
  return (record) => {
    const fields = record as string[];
    if (fields.length !== width) throw wrongWidth(fields.length);
    const row: CsvRow = {};
    for (let i = 0; i < width; i++) {
      const name = columns[i] as string;
      if (defined && name === "__proto__")
        Object.defineProperty(row, name, { value: fields[i], enumerable: true, writable: true });
      else row[name] = fields[i] as string;
    }
    return row;
  };
}

function jsonRow(value: unknown, index: number, context: BodyContext): JsonRow {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw malformed(
      context,
      `answered JSON whose row ${index} is ${value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`}, not an object`,
    );
  return value as JsonRow;
}
