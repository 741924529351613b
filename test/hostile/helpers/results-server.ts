// A loopback server that answers result content as Mode does: a Dataset naming its latest
// successful run, runs and query runs in a given state, and each run's rows as CSV or JSON,
// generated as they are sent (so 300,000 rows cost the server no memory), optionally gzipped,
// with a byte order mark, zipped, in small chunks, stalled, cut short or corrupted. Listens on
// 127.0.0.1 on a free port; `close()` ends every connection it holds.
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createGzip } from "node:zlib";
import { zipSync } from "fflate";

/** How one server answers. Everything but `rows` is optional. */
export interface ResultsScenario {
  rows: number;
  /** Rows per write: small values make many small chunks. Default 500. */
  chunkRows?: number;
  gzip?: boolean;
  /** A UTF-8 byte order mark before the CSV. */
  bom?: boolean;
  /** The CSV's line break. Default "\n". */
  newline?: "\n" | "\r\n";
  /** Send Content-Length (the body is built whole first; for small bodies). */
  contentLength?: "exact" | "longer";
  /** Stop sending after this many bytes of the body and hold the connection open. */
  stallAfterBytes?: number;
  /** Destroy the connection after this many bytes of the body. */
  cutAfterBytes?: number;
  /** Answer the CSV inside a ZIP: of one file, or of two (as for a report of two queries). */
  zip?: "one" | "two";
  /** Content-Type of the rows (default text/csv or application/json). */
  contentType?: string;
  /** The body as given, instead of generated rows. */
  rawBody?: Buffer;
  /** `rawBody` is gzip already (a bomb): sent as it is, with `Content-Encoding: gzip`. */
  rawEncoding?: "gzip";
  /** The state of every run and query run. Default "succeeded". */
  runState?: string;
  /** The query runs of a run (1 for a Dataset). */
  queryRuns?: number;
  /** The Dataset's latest successful run; null for none. Default "run-latest". */
  latest?: string | null;
}

export interface ResultsServer {
  baseUrl: string;
  /** Paths asked for, in order (with the query string). */
  requests: string[];
  close(): Promise<void>;
}

export const COLUMNS = ["id", "region", "note", "amount"] as const;
const REGIONS = ["EMEA", "North, East", "São Paulo", "東京", "rocket 🚀"];
const NOTES = ["plain", 'said "hi"', "line one\nline two", "crlf\r\ninside", " padded ", ""];

/** Row `i` as a CSV answer gives it: every value a string. */
export function csvRow(i: number): Record<string, string> {
  return {
    id: String(i),
    region: REGIONS[i % REGIONS.length] as string,
    note: NOTES[i % NOTES.length] as string,
    amount: (i * 1.25).toFixed(2),
  };
}

/** Row `i` as a JSON answer gives it: numbers as numbers. */
export function jsonRow(i: number): Record<string, unknown> {
  const row = csvRow(i);
  return { ...row, id: i, amount: Number(row.amount) };
}

// A writer, not a parser: quoting as RFC 4180 says, independent of the parser under test.
const quote = (value: string): string =>
  /[",\r\n]/.test(value) || value.trim() !== value ? `"${value.replaceAll('"', '""')}"` : value;

function csvLines(from: number, to: number, newline: string): string {
  let text = "";
  for (let i = from; i < to; i++) {
    const row = csvRow(i);
    text += `${COLUMNS.map((column) => quote(row[column] as string)).join(",")}${newline}`;
  }
  return text;
}

/** The rows of a scenario, piece by piece. */
function* pieces(scenario: ResultsScenario, format: "csv" | "json"): Generator<string> {
  const step = scenario.chunkRows ?? 500;
  const newline = scenario.newline ?? "\n";
  if (format === "csv") {
    yield `${scenario.bom ? "\uFEFF" : ""}${COLUMNS.join(",")}${newline}`;
    for (let i = 0; i < scenario.rows; i += step)
      yield csvLines(i, Math.min(scenario.rows, i + step), newline);
    return;
  }
  yield "[";
  for (let i = 0; i < scenario.rows; i += step) {
    const end = Math.min(scenario.rows, i + step);
    const rows: string[] = [];
    for (let j = i; j < end; j++) rows.push(JSON.stringify(jsonRow(j)));
    yield `${i === 0 ? "" : ","}${rows.join(",")}`;
  }
  yield "]";
}

export function wholeBody(scenario: ResultsScenario, format: "csv" | "json"): Buffer {
  return Buffer.from([...pieces(scenario, format)].join(""));
}

/** The CSV of a scenario in a ZIP, as one file or as two (a report of two queries). */
export function zipOf(scenario: ResultsScenario): Buffer {
  const csv = new Uint8Array(wholeBody(scenario, "csv"));
  const files: Record<string, Uint8Array> = { "Weekly orders.csv": csv };
  if (scenario.zip === "two") files["Orders by region.csv"] = csv;
  return Buffer.from(zipSync(files));
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/hal+json" });
  response.end(JSON.stringify(body));
}

const run = (token: string, state: string) => ({
  token,
  state,
  created_at: "2024-09-02T08:15:45.012Z",
  _links: { self: { href: `/api/northwind/datasets/d1/runs/${token}` } },
});

async function sendRows(
  request: IncomingMessage,
  response: ServerResponse,
  scenario: ResultsScenario,
  format: "csv" | "json",
): Promise<void> {
  const zipped = format === "csv" && scenario.zip !== undefined;
  const headers: Record<string, string> = {
    "content-type":
      scenario.contentType ??
      (zipped
        ? "application/zip"
        : format === "csv"
          ? "text/csv; charset=utf-8"
          : "application/json"),
  };
  const whole =
    scenario.rawBody ??
    (zipped ? zipOf(scenario) : scenario.contentLength ? wholeBody(scenario, format) : undefined);
  if (scenario.contentLength && whole)
    headers["content-length"] = String(
      whole.byteLength + (scenario.contentLength === "longer" ? 1000 : 0),
    );
  const gzip =
    !scenario.rawEncoding &&
    scenario.gzip &&
    /\bgzip\b/.test(String(request.headers["accept-encoding"]));
  if (scenario.rawEncoding) headers["content-encoding"] = scenario.rawEncoding;
  if (gzip) {
    headers["content-encoding"] = "gzip";
    delete headers["content-length"];
  }
  response.writeHead(200, headers);
  // What goes on the wire: through gzip when asked, counted for a stall or a cut.
  const sink = gzip ? createGzip() : undefined;
  if (sink) sink.pipe(response);
  const target = sink ?? response;
  let sent = 0;
  const write = async (bytes: Buffer): Promise<boolean> => {
    const limit = scenario.stallAfterBytes ?? scenario.cutAfterBytes;
    let part = bytes;
    if (limit !== undefined && sent + bytes.byteLength > limit)
      part = bytes.subarray(0, limit - sent);
    sent += part.byteLength;
    if (!target.write(part)) await once(target, "drain");
    if (part.byteLength === bytes.byteLength) return true;
    if (sink) sink.flush();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // A stall holds the connection open until the client gives up; a cut destroys it.
    if (scenario.cutAfterBytes !== undefined) response.socket?.destroy();
    return false;
  };
  if (whole) {
    for (let at = 0; at < whole.byteLength; at += 16_384)
      if (!(await write(whole.subarray(at, at + 16_384)))) return;
  } else {
    for (const piece of pieces(scenario, format)) if (!(await write(Buffer.from(piece)))) return;
  }
  target.end();
}

export async function startResultsServer(scenario: ResultsScenario): Promise<ResultsServer> {
  const requests: string[] = [];
  const state = scenario.runState ?? "succeeded";
  const latest = scenario.latest === undefined ? "run-latest" : scenario.latest;
  const server = createServer((request, response) => {
    const url = request.url ?? "/";
    requests.push(url);
    const path = new URL(url, "http://127.0.0.1").pathname.replace(/^\/api/, "");
    const content = /\/results\/content\.(csv|json)$/.exec(path);
    if (content) {
      sendRows(request, response, scenario, content[1] as "csv" | "json").catch(() =>
        response.destroy(),
      );
      return;
    }
    if (/\/query_runs$/.test(path)) {
      const count = scenario.queryRuns ?? 1;
      const queryRuns = Array.from({ length: count }, (_, i) => ({
        ...run(`qr${i + 1}`, state),
        query_name: `Query ${i + 1}`,
        ...(state === "failed" ? { error_message: 'column "regoin" does not exist' } : {}),
      }));
      return json(response, 200, {
        _links: { self: { href: url } },
        _embedded: { query_runs: queryRuns },
      });
    }
    if (/\/query_runs\/[^/]+$/.test(path))
      return json(response, 200, run(path.split("/").pop() as string, state));
    if (/\/runs\/[^/]+$/.test(path))
      return json(response, 200, run(path.split("/").pop() as string, state));
    if (/^\/[^/]+\/(datasets|reports)\/[^/]+$/.test(path))
      return json(response, 200, {
        token: path.split("/").pop(),
        id: 1,
        name: "Orders",
        type: "DatasetReport",
        created_at: "2024-04-02T08:30:00.041Z",
        updated_at: "2024-09-02T08:15:58.330Z",
        last_successful_run_token: latest,
        _links: { self: { href: url } },
      });
    json(response, 404, { id: "not_found", message: `no route for ${path}` });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api`,
    requests,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, "close").catch(() => undefined);
    },
  };
}
