// `mode-datasets export`: a Dataset's rows to a file (or stdout) as they arrive, as CSV or JSON
// Lines. It is a user of the client, not a part of it: it imports the package's public entry by
// name, as any script would. A file is written under a temporary name beside the target and
// renamed only once every row is in, so a file of that name is always complete.
import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { Writable } from "node:stream";
import {
  createModeDatasets,
  DEFAULTS,
  ModeApiError,
  type ModeRows,
  ModeRunNotSucceededError,
} from "mode-datasets";
import { defineCommand } from "../command.js";

/** What each exit code means; `--help` prints this table. */
const EXIT = {
  written: 0,
  unexpected: 1,
  usage: 2,
  credentials: 3,
  notFound: 4,
  runNotSucceeded: 5,
  transfer: 6,
  notRows: 7,
  interrupted: 130,
} as const;

// Rows turned into text and written at once: large enough that writing costs little per row.
const BATCH = 2_000;

export const exportCommand = defineCommand({
  summary: "writes a Dataset's rows to a file as they arrive (CSV or JSON Lines)",
  usage: "--account A --dataset D [--run R] [--format csv|jsonl] [--out FILE]",
  about: `Reads the rows of a Dataset's latest successful run (or of --run, once it has succeeded)
and writes them as they arrive, never holding them all. Credentials come from MODE_API_TOKEN and
MODE_API_SECRET, the API root from MODE_BASE_URL (default ${DEFAULTS.baseUrl}). With --out, the
rows go to a temporary file beside FILE, renamed to FILE once the last row is in: a file named
FILE is always complete. When stderr is a terminal, the rows and bytes so far are shown.`,
  options: {
    account: { type: "string", value: "A", description: "the workspace (required)" },
    dataset: { type: "string", value: "D", description: "the Dataset's token (required)" },
    run: {
      type: "string",
      value: "R",
      description: "a run's token (default: the latest successful run)",
    },
    format: {
      type: "string",
      value: "F",
      description: "csv (values as text) or jsonl (a JSON object a line); default csv",
    },
    out: { type: "string", value: "FILE", description: "where to write (default: stdout)" },
  },
  takes: "nothing",
  footer: `Exit codes:
  0    every row written
  1    an unexpected failure (the file could not be written, ...)
  2    a usage or setup problem (a missing option, credentials or base URL)
  3    the credentials were refused (401 or 403)
  4    the workspace, Dataset, run or its results were not found (404; results are purged after a while)
  5    the run did not succeed, or the Dataset never ran successfully
  6    the transfer failed: no answer in time, a broken connection, or Mode overloaded after retries
  7    the answer was not the rows it should be (not CSV or JSON, or a row over the size limit)
  130  interrupted (Ctrl-C); no file is left behind`,
  async run(options) {
    const { account, dataset, run, out } = options;
    if (!account || !dataset) throw new Error("--account and --dataset are required");
    const format = options.format ?? "csv";
    if (format !== "csv" && format !== "jsonl")
      throw new Error(`--format ${JSON.stringify(format)} is invalid; expected csv or jsonl`);
    for (const name of [DEFAULTS.tokenEnv, DEFAULTS.secretEnv])
      if (!process.env[name]) throw new Error(`${name} is not set; export needs Mode credentials`);

    const mode = createModeDatasets();
    const controller = new AbortController();
    const interrupt = (): void => controller.abort(new Interrupted());
    process.once("SIGINT", interrupt);
    process.once("SIGTERM", interrupt);
    const target = out === undefined ? undefined : resolve(out);
    const partial = target && join(dirname(target), `.${basename(target)}.${process.pid}.partial`);
    let sink: Writable | undefined;
    let progress: Progress | undefined;
    try {
      const rows = await mode.datasets.results(
        { account, dataset, run, format: format === "csv" ? "csv" : "json" },
        { signal: controller.signal },
      );
      sink = partial ? createWriteStream(partial, { flags: "wx" }) : process.stdout;
      progress = await progressOf(rows);
      const written = await writeRows(rows, format, sink, progress.update);
      // Stopped before the summary, so the summary starts on a line of its own.
      progress.stop();
      if (partial && target) {
        await closed(sink as WriteStream);
        await rename(partial, target);
      }
      console.error(
        `export: wrote ${written.toLocaleString("en-US")} rows (${size(rows.bytesRead)} read) of run ${rows.run} to ${target ?? "stdout"}`,
      );
      return EXIT.written;
    } catch (error) {
      // A bar left running would keep the terminal's cursor hidden.
      progress?.stop();
      if (partial) {
        (sink as WriteStream | undefined)?.destroy();
        await rm(partial, { force: true });
      }
      const reason = controller.signal.aborted ? controller.signal.reason : error;
      console.error(`export: ${reason instanceof Error ? reason.message : String(reason)}`);
      return exitCodeOf(reason);
    } finally {
      process.off("SIGINT", interrupt);
      process.off("SIGTERM", interrupt);
    }
  },
});

class Interrupted extends Error {
  override name = "Interrupted";
  constructor() {
    super("interrupted; nothing was left behind");
  }
}

/** The rows as text, a batch at a time, each write waited on when the sink is full. */
async function writeRows(
  rows: ModeRows<Record<string, unknown>>,
  format: "csv" | "jsonl",
  sink: Writable,
  progress: (rows: number, bytes: number) => void,
): Promise<number> {
  const Papa = format === "csv" ? (await import("papaparse")).default : undefined;
  const { columns } = rows;
  const text = (batch: Record<string, unknown>[]): string =>
    Papa
      ? `${Papa.unparse(batch, { header: false, columns: [...columns], newline: "\n" })}\n`
      : batch.map((row) => `${JSON.stringify(row)}\n`).join("");
  // events.once rejects if the sink errors while it is waited on (a full disk, a closed pipe).
  const write = async (chunk: string): Promise<void> => {
    if (!sink.write(chunk)) await once(sink, "drain");
  };

  if (Papa) await write(`${Papa.unparse([columns], { newline: "\n" })}\n`);
  let batch: Record<string, unknown>[] = [];
  let written = 0;
  for await (const row of rows) {
    batch.push(row);
    if (batch.length === BATCH) {
      await write(text(batch));
      written += batch.length;
      batch = [];
      progress(written, rows.bytesRead);
    }
  }
  if (batch.length > 0) await write(text(batch));
  return written + batch.length;
}

interface Progress {
  update: (rows: number, bytes: number) => void;
  /** Stops the display; stopping twice does nothing. */
  stop: () => void;
}

/** Rows and bytes so far on stderr, when it is a terminal; nothing otherwise. */
async function progressOf(rows: ModeRows<Record<string, unknown>>): Promise<Progress> {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const { SingleBar } = (await import("cli-progress")).default;
  const bar = new SingleBar({
    format: `export: {rows} rows, {bytes} of run ${rows.run}`,
    stream: process.stderr,
    hideCursor: true,
    // The bar is redrawn at most this often, however fast rows come.
    fps: 5,
  });
  bar.start(0, 0, { rows: "0", bytes: size(0) });
  return {
    update: (count, bytes) =>
      bar.update(0, { rows: count.toLocaleString("en-US"), bytes: size(bytes) }),
    stop: () => {
      if (bar.isActive) bar.stop();
    },
  };
}

function exitCodeOf(error: unknown): number {
  if (error instanceof Interrupted) return EXIT.interrupted;
  if (error instanceof ModeRunNotSucceededError) return EXIT.runNotSucceeded;
  if (error instanceof ModeApiError) {
    switch (error.kind) {
      case "unauthorized":
      case "forbidden":
        return EXIT.credentials;
      case "not_found":
        return EXIT.notFound;
      case "invalid_response":
      case "response_too_large":
        return EXIT.notRows;
      case "timeout":
      case "connection":
      case "rate_limited":
      case "server":
        return EXIT.transfer;
      default:
        return EXIT.unexpected;
    }
  }
  // The client refuses bad input and a bad setup (base URL, credentials) with these.
  if (error instanceof TypeError || error instanceof RangeError) return EXIT.usage;
  return EXIT.unexpected;
}

async function closed(stream: WriteStream): Promise<void> {
  stream.end();
  await once(stream, "close");
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
