/** What bench/run.ts and the bench server say to each other over the child-process IPC channel. */

export interface ServerConfig {
  /** Answer 429 when more than `requests` arrive within any `windowMs`. Default: no limit. */
  rateLimit?: { requests: number; windowMs: number };
  /** How long an idle keep-alive connection stays open. Default: node's 5 000 ms. */
  keepAliveTimeoutMs?: number;
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
}

export type ServerMessage = { type: "stats" } | { type: "reset" };

export type ServerReply =
  | { type: "ready"; port: number }
  | { type: "stats"; stats: ServerStats }
  | { type: "reset" };
