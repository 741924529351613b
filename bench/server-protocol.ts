/** What bench/run.ts and the bench server say to each other over the child-process IPC channel. */

export interface ServerConfig {
  /** Answer 429 when more than `requests` arrive within any `windowMs`. Default: no limit. */
  rateLimit?: { requests: number; windowMs: number };
  /** How long an idle keep-alive connection stays open. Default: node's 5 000 ms. */
  keepAliveTimeoutMs?: number;
  /** Every answer waits this long before it is sent (Mode's latency, scaled). Default 0. */
  latencyMs?: number;
  /**
   * A workspace to walk: `GET /{account}/spaces` lists `spaces` Collections (ws-0, ws-1...) on
   * one page, and each Collection's listing holds `datasetsPerSpace` Datasets. Default: none.
   */
  workspace?: { spaces: number; datasetsPerSpace: number };
  /**
   * Dataset runs: `POST /{account}/datasets/{dataset}/runs` starts one, and getDatasetRun shows
   * it `pending` until `runMs` after the POST, then `succeeded` (`runMs: null`: never).
   */
  runs?: { runMs: number | null };
  /** Keep each accepted request's path and arrival time, for `stats().arrivals`. */
  recordArrivals?: boolean;
}

/** One accepted request: its path and query, and when it arrived (ms, the server's clock). */
export interface Arrival {
  url: string;
  at: number;
}

export interface ServerStats {
  /** Requests received since start or the last reset. */
  requests: number;
  /** Of those, answered 429. */
  rateLimited: number;
  /** TCP connections open now. */
  openConnections: number;
  /** Requests whose response has not finished yet. */
  inFlight: number;
  /** Most connections open at once since start or the last reset. */
  peakConnections: number;
  /** Most requests in flight at once since start or the last reset. */
  peakInFlight: number;
  /** Accepted requests in order, when `recordArrivals` is set. */
  arrivals: Arrival[];
}

export type ServerMessage = { type: "stats" } | { type: "reset" };

export type ServerReply =
  | { type: "ready"; port: number }
  | { type: "stats"; stats: ServerStats }
  | { type: "reset" };
