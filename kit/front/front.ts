// The kit's own layer on node:http in front of Prism, for every command that listens. Prism
// validates; this layer makes the guarantees Prism cannot be configured to make:
// - only paths are served (no absolute URLs, no CONNECT: never an open proxy), and a path with a
//   dot segment in any spelling is refused and never forwarded;
// - a body above the limit is answered 413 without being buffered, and the bodies held at once
//   share a budget, so memory stays bounded; nothing a client sends can throw out of a handler;
// - every exchange is recorded from the moment it arrives, and one still open at stop is
//   recorded as unanswered;
// - in proxy mode the upstream's answer is handed to the client as it was (see relay.ts).
import {
  Agent,
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { Socket } from "node:net";
import { type Exchange, type Violation, violationsOf } from "../prism/violations.js";
import { acceptForPrism, canonicalPath, checkRequest, type Finding } from "../rules/index.js";
import { indexSpec, type OperationInfo, pathSegments } from "../rules/spec-index.js";
import type { SpecDocument } from "../spec-file.js";
import { ExchangeLog, type OpenExchange } from "./exchange-log.js";
import { frontFindings } from "./findings.js";
import { documentedStatuses, isDocumented } from "./operation-responses.js";
import { acceptForPreferredStatus } from "./prefer-status.js";
import { BodyBudget, readBody } from "./read-body.js";
import { EXCHANGE_HEADER, type Relay } from "./relay.js";
import { dotSegment, refuseTarget } from "./request-target.js";
import { answer, answerAndClose, refusal } from "./respond.js";
import { type Answer, endToEnd, send } from "./send.js";

/** About 10 MiB: far above any body the API takes, far below what would strain the kit. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

// What a refused client may still send (read and dropped, never held) before its connection is
// cut: enough for a client that does not stop at the refusal to finish, and read its answer.
const DRAIN_BYTES = 128 * 1024 * 1024;

export interface FrontOptions {
  /**
   * `mock`: the guards only; nothing is judged or recorded. `contract`: every request judged and
   * recorded, answered by the mock. `proxy`: the same, and a request the kit's rules find broken
   * is refused (422) before it can reach the upstream.
   */
  mode: "mock" | "contract" | "proxy";
  /** Prism's base URL (`http://127.0.0.1:port`). */
  prism: string;
  /** The parsed spec Prism serves (see `loadSpec`). */
  spec: SpecDocument;
  /** Proxy mode: the relay Prism forwards to, which talks to the real upstream. */
  relay?: Relay;
  /** Default DEFAULT_MAX_BODY_BYTES. Request bodies and answers above it are refused. */
  maxBodyBytes?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: a free port chosen by the OS. */
  port?: number;
  /** Called after each exchange, e.g. to print violations as they happen. */
  onExchange?: (exchange: Exchange) => void;
}

export interface Front {
  readonly baseUrl: string;
  /** Every exchange ended so far, in the order they ended. */
  readonly exchanges: readonly Exchange[];
  /**
   * Stops taking requests, waits up to `graceMs` for open exchanges to end, records the rest as
   * unanswered and closes every connection.
   */
  close(graceMs: number): Promise<void>;
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
};

const asViolation = (finding: Finding): Violation => ({
  location: finding.location,
  code: finding.rule,
  message: finding.message,
  severity: finding.severity,
});

/** The findings that forbid forwarding a request at all. */
const refusals = (findings: readonly Finding[]): Violation[] =>
  findings.filter((finding) => finding.refuse).map(asViolation);

// Prism's own verdict on an undocumented status is a warning (an error for a 2xx); the front
// makes it an error of its own, with its evidence, so Prism's is dropped.
const prismStatusVerdict = /^Unable to match the returned status code/;

/** What a person needs to see of an undocumented answer; no body (it may hold anything). */
function evidence(real: Answer): string {
  const location = header(real.headers, "location");
  const type = header(real.headers, "content-type");
  return [
    `${real.status}${real.statusText ? ` ${real.statusText}` : ""}`,
    location === undefined ? "" : ` pointing to ${location.split(/[?#]/)[0]}`,
    type === undefined ? "" : ` (${type}, ${real.body.length} bytes)`,
  ].join("");
}

export async function startFront(options: FrontOptions): Promise<Front> {
  const { mode, spec } = options;
  const prism = new URL(options.prism);
  const index = indexSpec(spec);
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const budget = new BodyBudget(8 * limit);
  const log = new ExchangeLog(options.onExchange);
  // Connections to Prism are kept alive and capped: a burst of thousands of new connections at
  // once would overflow Prism's listen queue and fail requests nobody did wrong. The cap is high
  // enough that upstream requests left hanging cannot hold every connection.
  const toPrism = new Agent({ keepAlive: true, maxSockets: 256 });

  /** The Accept header Prism gets in place of the client's, or undefined to keep it. */
  function acceptForPrismOf(req: IncomingMessage, operation: OperationInfo | undefined) {
    const checked = { method: req.method ?? "GET", path: req.url ?? "/", headers: req.headers };
    // Where the kit's rules only warn about Accept, Prism gets one it can answer.
    // On result content, whose server ignores Accept, that holds for the plain mock too.
    const widened =
      mode === "mock" && !operation?.acceptIgnored ? undefined : acceptForPrism(checked, spec);
    if (mode === "proxy") return widened;
    const accept = widened ?? header(req.headers, "accept");
    const prefer = header(req.headers, "prefer");
    return acceptForPreferredStatus(spec, operation, prefer, accept) ?? widened;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const target = req.url ?? "/";
    // CORS preflights are Prism's own business, not an operation of the API.
    const preflight = method === "OPTIONS" && header(req.headers, "access-control-request-method");
    const entry =
      mode !== "mock" && !preflight ? log.begin(method, target, req.headers) : undefined;
    const refuse = (status: number, violations: Violation[]): void => {
      answerAndClose(
        req,
        res,
        status,
        refusal(status, "Refused by the contract kit", violations),
        Math.max(limit, DRAIN_BYTES),
      );
      if (entry) log.end(entry, status, violations);
    };

    const targetProblem = refuseTarget(method, target);
    if (targetProblem) return refuse(400, [frontFindings.requestTarget(targetProblem)]);
    if (dotSegment(target)) {
      // The rules name the segment in their words; the front's own finding is for a spelling
      // they do not read. Either way the body is not read and nothing is forwarded.
      const named = mode === "mock" ? [] : refusals(checkRequest({ method, path: target }, spec));
      return refuse(400, named.length > 0 ? named : [frontFindings.dotSegment()]);
    }

    const read = await readBody(req, limit, budget);
    if (read.kind === "too-large") return refuse(413, [frontFindings.bodyTooLarge(limit)]);
    if (read.kind === "busy") return refuse(503, [frontFindings.busy(budget.total)]);
    if (read.kind === "aborted") {
      res.destroy();
      if (entry) log.end(entry, 0, [frontFindings.clientAborted()]);
      return;
    }
    try {
      const status = await exchange(req, res, target, read.body, entry);
      if (entry) log.end(entry, status.code, status.violations);
    } catch (error) {
      if (entry) log.end(entry, 500, [frontFindings.kitFailed(error)]);
      throw error;
    } finally {
      read.release();
    }
  }

  /** Judges, forwards and answers one request whose body has been read. */
  async function exchange(
    req: IncomingMessage,
    res: ServerResponse,
    target: string,
    body: Buffer,
    entry: OpenExchange | undefined,
  ): Promise<{ code: number; violations: Violation[] }> {
    const method = req.method ?? "GET";
    const queryAt = target.indexOf("?");
    const path = queryAt >= 0 ? target.slice(0, queryAt) : target;
    const operation = index.match(method, pathSegments(path));
    // Prism routes `/runs/` to `/runs/{run}` with an empty run; Mode answers it as `/runs`. The
    // rules say so (`trailing-slash`) and give the path to forward.
    const forward = canonicalPath(method, target, spec).path;

    if (entry) {
      entry.operation = operation?.id ?? null;
      const checked = { method, path: target, headers: req.headers, bodyBytes: body };
      const found = checkRequest(checked, spec);
      const findings = found.map(asViolation);
      entry.violations.push(...findings);
      // Never forwarded, in any mode: where it would land depends on who reads it.
      const refused = refusals(found);
      if (refused.length > 0) {
        const problem = refusal(400, "Refused by the contract kit", refused);
        answer(res, 400, { "content-type": "application/problem+json" }, problem);
        return { code: 400, violations: [] };
      }
      const errors = findings.filter((f) => f.severity === "error");
      if (mode === "proxy" && errors.length > 0) {
        const problem = refusal(422, "Invalid request", errors);
        answer(res, 422, { "content-type": "application/problem+json" }, problem);
        return { code: 422, violations: [] };
      }
    }

    const clientHeaders = endToEnd(req.headers, [EXCHANGE_HEADER, "expect"]);
    const headers = { ...clientHeaders };
    const accept = acceptForPrismOf(req, operation);
    if (accept) headers["accept"] = accept;
    const id = options.relay?.register({ method, target, headers: clientHeaders, body });
    if (id) headers[EXCHANGE_HEADER] = id;
    const fromPrism = await send(prism, { method, target: forward, headers, body }, limit, toPrism);
    const fromUpstream = id ? options.relay?.take(id) : undefined;

    if (fromPrism.kind !== "answer") {
      const reason = fromPrism.kind === "failed" ? fromPrism.reason : "its answer was too large";
      answer(res, 502, { "content-type": "text/plain" }, "the contract kit's Prism failed\n");
      return { code: 502, violations: [frontFindings.upstreamFailed(`Prism: ${reason}`)] };
    }
    const checked = fromPrism.answer;
    const violations = violationsOf(
      header(checked.headers, "sl-violations"),
      header(checked.headers, "content-type"),
      checked.body.toString("utf8"),
    );
    if (!fromUpstream) {
      // The mock's answer, or Prism's refusal of a request it never passed on.
      answer(res, checked.status, endToEnd(checked.headers), checked.body, checked.statusText);
      return { code: checked.status, violations };
    }
    const onRequest = violations.filter((v) => v.location.startsWith("request"));
    if (fromUpstream.kind !== "answer") {
      const finding =
        fromUpstream.kind === "too-large"
          ? frontFindings.answerTooLarge(limit)
          : frontFindings.upstreamFailed(fromUpstream.reason);
      answer(res, 502, { "content-type": "text/plain" }, `contract kit: ${finding.message}\n`);
      return { code: 502, violations: [...onRequest, finding] };
    }

    const real = fromUpstream.answer;
    // On an upstream 501 Prism answers from its mock: what it says of that answer is not about
    // the upstream's.
    const onAnswer =
      real.status === 501
        ? []
        : violations.filter(
            (v) => !v.location.startsWith("request") && !prismStatusVerdict.test(v.message),
          );
    const found = [...onRequest, ...onAnswer];
    if (operation) {
      const documented = documentedStatuses(spec, operation);
      if (!isDocumented(real.status, documented)) {
        found.push(frontFindings.undocumentedStatus(operation.id, documented, evidence(real)));
      }
    }
    const headersOut = endToEnd(real.headers);
    // The answer as the upstream gave it, with what is wrong with it beside, as Prism's mock does.
    if (found.length > 0) headersOut["sl-violations"] = slViolations(found);
    answer(res, real.status, headersOut, real.body, real.statusText);
    return { code: real.status, violations: found };
  }

  const server: Server = createServer((req, res) => void dispatch(req, res));
  // Longer than clients keep idle connections, so the kit is not the side that closes one just
  // as a client sends on it.
  server.keepAliveTimeout = 30_000;
  function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    return handle(req, res).catch((error: unknown) => {
      answer(
        res,
        500,
        { "content-type": "text/plain" },
        "the contract kit failed on this request\n",
      );
      console.error(`contract kit: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
  // A body the limit refuses is answered before the client is told to send it.
  server.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => {
    if (!(Number(req.headers["content-length"]) > limit)) res.writeContinue();
    void dispatch(req, res);
  });
  // CONNECT would make the kit a tunnel to anywhere: refused, and recorded.
  server.on("connect", (req: IncomingMessage, socket: Socket) => {
    socket.on("error", () => socket.destroy());
    socket.end("HTTP/1.1 405 Method Not Allowed\r\nconnection: close\r\ncontent-length: 0\r\n\r\n");
    if (mode === "mock") return;
    const entry = log.begin("CONNECT", req.url ?? "");
    const reason = refuseTarget("CONNECT", req.url ?? "") ?? "CONNECT";
    log.end(entry, 405, [frontFindings.requestTarget(reason)]);
  });

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // A deep queue of connections waiting to be accepted: Node's default (511) overflows when
    // a test suite opens thousands at once, and the kernel then resets some of them.
    server.listen({ port: options.port ?? 0, host, backlog: 4096 }, () => resolve());
  });
  const address = server.address();
  if (!address || typeof address !== "object") throw new Error("front: no listening address");

  return {
    baseUrl: `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`,
    exchanges: log.exchanges,
    async close(graceMs) {
      server.close();
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        log.settled(),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, graceMs);
        }),
      ]);
      clearTimeout(timer);
      log.closeOpen();
      server.closeAllConnections();
    },
  };
}

/** Violations in the `sl-violations` shape Prism uses. */
function slViolations(violations: readonly Violation[]): string {
  return JSON.stringify(
    violations.map((v) => ({
      location: v.location.split("."),
      severity: v.severity.toLowerCase() === "error" ? "Error" : "Warning",
      code: v.code,
      message: v.message,
    })),
  );
}
