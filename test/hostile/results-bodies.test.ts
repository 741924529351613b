// What a result body cannot do to mode.datasets.results: every hostile body ends in rows or a
// typed error, never a hang, a crash, unbounded memory, or rows quietly lost. A body that stops
// early (stalled, cut, shorter than announced, a quote left open) is an error: lost rows are
// lost data.
import { createGzip } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import {
  ModeConnectionError,
  ModeInvalidResponseError,
  ModeResponseTooLargeError,
  ModeTimeoutError,
} from "../../src/index.js";
import {
  CREDENTIALS,
  drain,
  exposedText,
  rejection,
  throwingClient,
} from "./helpers/hostile-client.js";
import {
  type ResultsScenario,
  type ResultsServer,
  startResultsServer,
} from "./helpers/results-server.js";

let server: ResultsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const dataset = { account: "northwind", dataset: "d1" };

async function serve(scenario: ResultsScenario, extra: Parameters<typeof throwingClient>[1] = {}) {
  server = await startResultsServer(scenario);
  return throwingClient(server.baseUrl, extra);
}

/**
 * The rows read, and the error the body ended in: thrown by `results` itself when it comes
 * before the column names are known, else while iterating.
 */
async function readAll(scenario: ResultsScenario, format: "csv" | "json" = "csv", options = {}) {
  const mode = await serve(scenario);
  let rows: AsyncIterable<unknown>;
  try {
    rows = await mode.datasets.results({ ...dataset, format }, options);
  } catch (error) {
    return { items: [], error };
  }
  return drain(rows);
}

function noSecretIn(error: unknown): void {
  const text = exposedText(error);
  for (const secret of CREDENTIALS) expect(text).not.toContain(secret);
}

/** Gzip of `pieces` repeated `times` times, made once, as a bomb arrives: small on the wire. */
async function gzipOf(piece: string, times: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gzip.on("data", (chunk: Buffer) => out.push(chunk));
  const block = Buffer.from(piece.repeat(Math.ceil(1_048_576 / piece.length)));
  for (let i = 0; i < times; i++)
    if (!gzip.write(block)) await new Promise((r) => gzip.once("drain", r));
  await new Promise((resolve) => gzip.end(resolve));
  return Buffer.concat(out);
}

describe("a body that stops early", () => {
  it("stalled mid-body: the rows before the stall, then a timeout within timeoutMs of the last bytes", async () => {
    const { items, error } = await readAll({ rows: 2_000, stallAfterBytes: 20_000 }, "csv", {
      timeoutMs: 400,
    });
    expect(items.length).toBeGreaterThan(100);
    expect(items.length).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(ModeTimeoutError);
    expect((error as Error).message).toMatch(/stalled: no bytes for 400 ms after 20,000 bytes/);
    noSecretIn(error);
  });

  it("cut short mid-body (chunked): a connection error naming how far it got", async () => {
    const { items, error } = await readAll({ rows: 2_000, cutAfterBytes: 30_000 });
    expect(items.length).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(ModeConnectionError);
    expect((error as Error).message).toMatch(
      /cut short after [\d,]+ bytes of the body.*rows after that point were lost/,
    );
    noSecretIn(error);
  });

  it("cut short mid-body (gzipped, JSON): a connection error", async () => {
    const { error } = await readAll({ rows: 2_000, gzip: true, cutAfterBytes: 20_000 }, "json");
    expect(error).toBeInstanceOf(ModeConnectionError);
  });

  it("shorter than its Content-Length: a connection error", async () => {
    const { items, error } = await readAll({
      rows: 2_000,
      contentLength: "longer",
      cutAfterBytes: 40_000,
    });
    expect(items.length).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(ModeConnectionError);
  });

  it("shorter than its Content-Length from a fetch that does not check it: a connection error", async () => {
    const body = "id,region\n1,EMEA\n2,APAC\n";
    const fetch = async (request: Request): Promise<Response> =>
      request.url.includes("/results/")
        ? new Response(body, {
            headers: { "content-type": "text/csv", "content-length": String(body.length + 50) },
          })
        : new Response(
            JSON.stringify({
              token: "d1",
              last_successful_run_token: "r1",
              _links: { self: { href: "x" } },
            }),
            { headers: { "content-type": "application/hal+json" } },
          );
    const mode = throwingClient("https://app.mode.com/api", { fetch });
    const { items, error } = await drain(await mode.datasets.results(dataset));
    expect(items).toHaveLength(2);
    expect(error).toBeInstanceOf(ModeConnectionError);
    expect((error as Error).message).toMatch(/Content-Length announced 74 bytes/);
  });

  it("a CSV whose last quote never closes: an error, not a last row", async () => {
    const { items, error } = await readAll({
      rows: 0,
      rawBody: Buffer.from('id,note\n1,"fine"\n2,"never closed\n3,more\n'),
    });
    expect(items).toEqual([{ id: "1", note: "fine" }]);
    expect(error).toBeInstanceOf(ModeInvalidResponseError);
    expect((error as Error).message).toMatch(/Quoted field unterminated/);
  });

  it("a JSON array that never closes: an error after the rows that did arrive", async () => {
    const { items, error } = await readAll(
      { rows: 0, rawBody: Buffer.from('[{"id":1},{"id":2},{"id":') },
      "json",
    );
    expect(items).toEqual([{ id: 1 }, { id: 2 }]);
    expect(error).toBeInstanceOf(ModeInvalidResponseError);
  });
});

describe("a body that is not rows", () => {
  it.each([
    [
      "invalid UTF-8",
      Buffer.concat([Buffer.from("id,name\n1,caf"), Buffer.from([0xff, 0xfe]), Buffer.from("\n")]),
      /not valid UTF-8/,
    ],
    [
      "a record wider than the header",
      Buffer.from("id,name\n1,a\n2,b,extra\n"),
      /row 2 has 3 fields where the header has 2/,
    ],
    ["a quote inside an unquoted field's end", Buffer.from('id,name\n1,"a"b\n'), /cannot be read/],
    ["an empty body", Buffer.from(""), /empty body/],
  ])("CSV with %s is refused", async (_name, rawBody, message) => {
    const { error } = await readAll({ rows: 0, rawBody });
    expect(error).toBeInstanceOf(ModeInvalidResponseError);
    expect((error as Error).message).toMatch(message);
  });

  it.each([
    ["an object, not an array", '{"id": "not_found", "message": "x"}', /not "\["/],
    ["a row that is not an object", '[{"id":1}, 7]', /row 2 is a number, not an object/],
    ["text after the array", '[{"id":1}] [{"id":2}]', /cannot be read/],
    ["nothing", "  ", /holds no JSON/],
  ])("JSON that is %s is refused", async (_name, rawBody, message) => {
    const { error } = await readAll({ rows: 0, rawBody: Buffer.from(rawBody) }, "json");
    expect(error).toBeInstanceOf(ModeInvalidResponseError);
    expect((error as Error).message).toMatch(message);
  });
});

describe("a body too large to hold", () => {
  it("a single field of 40 MB passes the default maxRowLength: an error, read no further", async () => {
    const field = "x".repeat(40 * 1024 * 1024);
    const { items, error } = await readAll({
      rows: 0,
      rawBody: Buffer.from(`id,blob\n1,short\n2,${field}\n`),
    });
    expect(items).toEqual([{ id: "1", blob: "short" }]);
    expect(error).toBeInstanceOf(ModeResponseTooLargeError);
    expect((error as Error).message).toMatch(
      /row longer than maxRowLength \(16,777,216 characters\)/,
    );
  });

  it("a single field of 40 MB arrives whole when maxRowLength allows it", async () => {
    const field = "y".repeat(40 * 1024 * 1024);
    const { items, error } = await readAll(
      { rows: 0, rawBody: Buffer.from(`id,blob\n1,"${field}"\n`) },
      "csv",
      { maxRowLength: 64 * 1024 * 1024 },
    );
    expect(error).toBeUndefined();
    expect(items).toHaveLength(1);
    expect((items[0] as { blob: string }).blob.length).toBe(field.length);
  });

  it("a gzip bomb with no line break ends at maxRowLength, having inflated little of it", async () => {
    const bomb = await gzipOf("a", 512);
    expect(bomb.byteLength).toBeLessThan(1_000_000);
    const mode = await serve({ rows: 0, rawBody: bomb, rawEncoding: "gzip" });
    // The header row is the bomb itself: the error comes before any row.
    const error = await rejection(mode.datasets.results(dataset));
    expect(error).toBeInstanceOf(ModeResponseTooLargeError);
    expect((error as Error).message).toMatch(/maxRowLength/);
  });

  it("a gzip bomb of valid rows ends at maxBytes", async () => {
    const bomb = await gzipOf("1,2\n", 256);
    const mode = await serve({ rows: 0, rawBody: bomb, rawEncoding: "gzip" });
    const rows = await mode.datasets.results(dataset, { maxBytes: 2 * 1024 * 1024 });
    const { items, error } = await drain(rows);
    expect(error).toBeInstanceOf(ModeResponseTooLargeError);
    expect((error as Error).message).toMatch(
      /over maxBytes \(2,097,152 bytes after decompression\)/,
    );
    expect(items.length).toBeGreaterThan(400_000);
  });
});
