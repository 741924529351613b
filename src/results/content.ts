// Opens a run's result content as a stream: the one GET of a result file, through openapi-fetch
// and the client's transport like every other call, its success body handed up as it arrives.
import type { ModeClient } from "../client/create-mode-client.js";
import { prepare, throwUnlessOk } from "../datasets/call.js";
import type { BodyContext } from "./body-errors.js";
import { type ByteReader, byteReader } from "./byte-reader.js";
import type { ResultsOptions } from "./options.js";
import type { ResultsFormat } from "./rows.js";
import { streamedBody } from "./streamed-body.js";

/** A run's result file: of a report or Dataset run, or of one query run. */
export interface ContentTarget {
  account: string;
  /** A report's token, or a Dataset's. */
  report: string;
  run: string;
  query_run?: string | undefined;
}

const PATHS = {
  csv: "/{account}/reports/{report}/runs/{run}/results/content.csv",
  json: "/{account}/reports/{report}/runs/{run}/results/content.json",
  queryCsv: "/{account}/reports/{report}/runs/{run}/query_runs/{query_run}/results/content.csv",
  queryJson: "/{account}/reports/{report}/runs/{run}/query_runs/{query_run}/results/content.json",
} as const;

// Mode answers these paths whatever Accept says; this one names every answer it documents (a
// report-level CSV may be a ZIP), errors included.
const ACCEPT = {
  csv: "text/csv, application/zip, application/json;q=0.9",
  json: "application/json",
} as const;

export interface OpenContent {
  bytes: ByteReader;
  context: BodyContext;
}

type StreamGet = (
  path: string,
  init: Record<string, unknown>,
) => Promise<{ data?: ReadableStream<Uint8Array>; error?: unknown; response: Response }>;

/** Sends the GET and, on a success, returns its body as a reader of bytes as they arrive. */
export async function openContent(
  client: ModeClient,
  target: ContentTarget,
  format: ResultsFormat,
  options: ResultsOptions | undefined,
): Promise<OpenContent> {
  const { query_run, ...run } = target;
  const path =
    query_run === undefined ? PATHS[format] : format === "csv" ? PATHS.queryCsv : PATHS.queryJson;
  const prepared = prepare(client, options, streamedBody);
  const { init } = prepared;
  const result = await (client.GET as unknown as StreamGet)(path, {
    params: { path: query_run === undefined ? run : { ...run, query_run } },
    parseAs: "stream",
    ...init,
    headers: { Accept: ACCEPT[format], ...init.headers },
  });
  throwUnlessOk(result, "GET", path);
  const context = { path, response: result.response, secrets: prepared.record.secrets };
  return { bytes: byteReader(result.data, context, options?.signal), context };
}
