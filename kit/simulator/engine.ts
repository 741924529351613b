// The simulator's engine: one request in, one answer out, in the order Mode would decide it
// (the path, the credentials, the rate limit, the request's shape, the workspace), with every
// exchange handed to the conduct rules once answered. It speaks fetch's Request and Response so
// it runs in process with no port; the HTTP adapter (http/) puts it behind a socket.
import { checkRequest } from "../rules/index.js";
import type { OperationInfo } from "../rules/spec-index.js";
import { pathSegments } from "../rules/spec-index.js";
import { bundledSpec } from "./bundled-spec.js";
import { createClock, type SimClock } from "./clock.js";
import {
  conductRules,
  type Exchange,
  type RequestCheck,
  requestChecks,
  type RuleContext,
  type RuleState,
} from "./conduct/index.js";
import { basicCredentials, type Credentials } from "./credentials.js";
import { SLOW_ANSWER_MS, takeFault } from "./faults.js";
import { handlers } from "./handlers/index.js";
import { type ResolvedOptions, resolveOptions, type SimulatorOptions } from "./options.js";
import { createRateLimiter, RATE_LIMIT } from "./rate-limit.js";
import { checkInput } from "./request-check.js";
import { MAX_REQUEST_BODY, readBody } from "./request-body.js";
import { type Answer, fromError, toResponse } from "./respond.js";
import { createOpenWaits } from "./open-waits.js";
import { buildReport, type ReportExtras, type SimulatorReport } from "./report/build.js";
import type { Redactor } from "../report/index.js";
import { collectSecrets } from "./report/secrets.js";
import { createTimeline, type Timeline } from "./report/timeline.js";
import { seededRandom } from "./random.js";
import { modeError } from "./wire/error.js";
import { ACCOUNT, seedWorkspace } from "./workspace/seed.js";
import { createWorkspace } from "./workspace/workspace.js";

/** Returned instead of a Response when the connection is to be cut: the HTTP adapter resets it. */
export const RESET = Symbol("connection reset");

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface RequestMeta {
  /** The connection the request came on, so a request after a 429 on the same one is known sent after it. */
  connection?: string | undefined;
  /**
   * The machine's milliseconds the server has spent waiting for work so far. Over HTTP a busy
   * server reads requests late, so what tells "sent after the 429 was read" from "waiting in the
   * queue" is time the server spent idle in between. In process nothing queues: all time counts.
   */
  idleNow?: (() => number) | undefined;
}

export interface SimulatorEngine {
  readonly options: ResolvedOptions;
  readonly clock: SimClock;
  handle(request: Request, meta?: RequestMeta): Promise<Response | typeof RESET>;
  report(extras?: ReportExtras): SimulatorReport;
  timeline(): Timeline;
  /** The kit's redaction, knowing every credential and secret value seen so far. */
  redactor(): Redactor;
  /** Ends stalled and slow answers and refuses further requests. */
  close(): void;
  readonly closed: boolean;
}

function stripApi(pathname: string): string {
  if (pathname === "/api") return "/";
  return pathname.startsWith("/api/") ? pathname.slice(4) : pathname;
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The engine behind `createModeSimulator` and the HTTP adapter. `realNow` replaces the machine's
 * clock (milliseconds), for tests that move time by hand instead of waiting.
 */
export function createEngine(
  input: SimulatorOptions = {},
  { realNow }: { realNow?: () => number } = {},
): SimulatorEngine {
  const options = resolveOptions(input);
  const { document, index } = bundledSpec();
  const clock = createClock(options.timeScale, realNow);
  const random = seededRandom(options.seed);
  const seeded = seedWorkspace(options);
  const workspace = createWorkspace(ACCOUNT, seeded, seededRandom(options.seed ^ 0x5eed));
  const facts = {
    account: ACCOUNT,
    accountId: 51_699_936,
    workspaceToken: random.hex(12),
  };
  const limiter = createRateLimiter(RATE_LIMIT.limit, RATE_LIMIT.windowMs);
  const secrets = collectSecrets();
  const start = clock.now();
  const context: RuleContext = {
    start,
    timeScale: options.timeScale,
    limit: RATE_LIMIT.limit,
    windowMs: RATE_LIMIT.windowMs,
  };
  const ruleStates: RuleState[] = [
    ...conductRules.map((r) => r.create(context)),
    requestChecks(context),
  ];
  const timeline = createTimeline(context);
  const labels = new Map<string, string>();
  const byStatus = new Map<string, number>();
  const waits = createOpenWaits();
  let seq = 0;
  let closed = false;

  const labelOf = (token: string): string => {
    let label = labels.get(token);
    if (!label) {
      label = `credential ${labels.size + 1}`;
      // Past this many distinct tokens, the rest share one label rather than grow the map.
      if (labels.size < 10_000) labels.set(token, label);
      else label = "another credential";
    }
    return label;
  };

  async function decide(
    request: Request,
    exchange: Exchange,
    specPath: string,
    search: string,
    body: string | "too-large" | undefined,
    credentials: Credentials | undefined,
  ): Promise<Answer> {
    const method = exchange.method;
    const segments = pathSegments(specPath);
    const operation: OperationInfo | undefined = index.match(method, segments);
    exchange.operation = operation?.id ?? null;
    if (!operation) {
      const others = index.operations.filter(
        (o) => o.method !== method && index.match(o.method, segments) === o,
      );
      const location = "request.path";
      if (others.length > 0) {
        const allow = [...new Set(others.map((o) => o.method))].join(", ");
        exchange.checks.push({
          rule: "request/unknown-operation",
          severity: "error",
          location,
          message: `${method} is not an operation of ${others[0]?.template}; it takes ${allow}`,
        });
        return fromError(
          modeError("method_not_allowed", `${method} is not allowed here; use ${allow}`),
          { Allow: allow },
        );
      }
      exchange.checks.push({
        rule: "request/unknown-operation",
        severity: "error",
        location,
        message: `${method} ${specPath} is no path of the API; check it against the spec's paths`,
      });
      return fromError(modeError("not_found", `not found: the API has no path ${specPath}`));
    }

    if (operation.basicAuth && !credentials) {
      // Blank ones are the kit's `blank-basic-credentials` finding; anything else is said here.
      if (!exchange.checks.some((c) => c.rule === "blank-basic-credentials")) {
        exchange.checks.push({
          rule: "request/no-credentials",
          severity: "error",
          location: "request.header.authorization",
          message:
            "no usable HTTP Basic credentials: send the API token as the user name and the API secret as the password",
        });
      }
      return fromError(
        modeError("unauthorized", "Unauthorized: your API token or secret is missing or invalid"),
      );
    }

    const admitted = limiter.admit(credentials?.token ?? "(none)", exchange.arrivedAt);
    if (!admitted.admitted) {
      // Whole seconds of the machine's clock, rounded up: a client that waits this long is never early.
      const seconds = Math.max(1, Math.ceil(clock.toReal(admitted.retryAfterMs) / 1000));
      exchange.retryAfterMs = seconds * 1000 * options.timeScale;
      return fromError(modeError("rate_limited", "Rate limit exceeded, retry later"), {
        "Retry-After": String(seconds),
      });
    }

    if (body === "too-large") {
      exchange.checks.push({
        rule: "request/invalid-body",
        severity: "error",
        location: "request.body",
        message: `the body is larger than ${MAX_REQUEST_BODY} bytes; no operation takes one that large`,
      });
      return fromError(
        modeError(
          "payload_too_large",
          `Payload too large: the body is over ${MAX_REQUEST_BODY} bytes`,
        ),
      );
    }

    // What the kit's rules say must not be served: a path that reads differently to different
    // servers, a body that is not UTF-8 JSON. Mode would refuse (or misread) it; so does this.
    const refused = exchange.checks.filter((c) => c.refuse === true || c.rule === "json-body");
    if (refused.length > 0) {
      return fromError(
        modeError("bad_request", `Bad request: ${refused.map((c) => c.message).join("; ")}`),
      );
    }

    const input = checkInput(document, index, operation, {
      segments,
      query: [...new URLSearchParams(search)],
      contentType: request.headers.get("content-type") ?? undefined,
      body,
    });
    for (const problem of input.problems) {
      exchange.checks.push({
        rule:
          problem.location.startsWith("request.body") ||
          problem.location.startsWith("request.header")
            ? "request/invalid-body"
            : "request/invalid-parameter",
        severity: "error",
        location: problem.location,
        message: problem.message,
      });
    }
    if (input.problems.length > 0) {
      return fromError(
        modeError("bad_request", `Bad request: ${input.problems.map((p) => p.message).join("; ")}`),
      );
    }
    const { path: pathParams, query, body: parsedBody } = input;

    if (pathParams["account"] !== undefined && pathParams["account"] !== workspace.account) {
      return fromError(
        modeError("not_found", `account not found: no workspace or user ${pathParams["account"]}`),
      );
    }

    const write = WRITE_METHODS.has(method);
    if (!write && takeFault(options.faults, "server-error")) {
      exchange.fault = "server-error";
      return fromError(modeError("internal_server_error", "Internal server error"));
    }
    if (!write && takeFault(options.faults, "slow-answer")) {
      exchange.fault = "slow-answer";
      await waits.wait(clock.toReal(SLOW_ANSWER_MS), request.signal);
    }

    const handler = handlers[operation.id];
    if (!handler) {
      return fromError(
        modeError(
          "internal_server_error",
          `the simulator does not serve ${exchange.operation} yet`,
        ),
      );
    }
    const result = handler({
      workspace,
      facts,
      now: clock.now(),
      path: pathParams,
      query,
      body: parsedBody,
      member: "priya.raman",
      seed: options.seed,
    });
    exchange.acted = result.acted === true;
    if (result.listing && exchange.operation) {
      // One listing is one set of parameters besides `page`, the page size as served (a first
      // page read without `per_page` and the `next_page` links that name it are the same listing).
      const rest = Object.entries(query)
        .filter(([name]) => name !== "page" && name !== "per_page")
        .map(([name, value]) => [name, String(value)])
        .sort(([a = ""], [b = ""]) => a.localeCompare(b));
      rest.push(["per_page", String(result.listing.perPage)]);
      exchange.listing = {
        key: `${exchange.operation} ${exchange.resource}?${new URLSearchParams(rest)}`,
        page: result.listing.page,
        last: result.listing.last,
      };
    }
    if (result.run) exchange.run = result.run;

    if (exchange.acted && takeFault(options.faults, "write-reset")) {
      exchange.fault = "write-reset";
      return { status: 0, reset: true };
    }
    if (exchange.acted && takeFault(options.faults, "write-error")) {
      exchange.fault = "write-error";
      return fromError(modeError("internal_server_error", "Internal server error"));
    }
    const stall = !write && result.status < 300 && takeFault(options.faults, "stalled-body");
    if (stall) exchange.fault = "stalled-body";
    return { status: result.status, json: result.body, result, stall };
  }

  const finish = (exchange: Exchange, meta: RequestMeta): void => {
    exchange.answeredAt = clock.now();
    exchange.realAnsweredAt = clock.realElapsed();
    exchange.realIdleAnswered = meta.idleNow?.() ?? exchange.realAnsweredAt;
    const status = String(exchange.status);
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    for (const state of ruleStates) state.observe(exchange);
    timeline.record(exchange);
  };

  return {
    options,
    clock,
    redactor: () => secrets.redactor(),
    get closed() {
      return closed;
    },
    async handle(request, meta = {}) {
      if (closed) throw new Error("the simulator is closed; create another one");
      if (request.signal.aborted) throw request.signal.reason;
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        throw new TypeError(`${request.url} is not a URL the simulator can read`);
      }
      const method = request.method.toUpperCase();
      const specPath = stripApi(url.pathname);
      const realNow = clock.realElapsed();
      const credentials = basicCredentials(request.headers.get("authorization"));
      secrets.add(request, credentials);
      const exchange: Exchange = {
        seq: ++seq,
        credential: credentials ? labelOf(credentials.token) : null,
        connection: meta.connection,
        method,
        url: `${url.pathname}${url.search}`,
        resource: decodeSafe(specPath.length > 1 ? specPath.replace(/\/$/, "") : specPath),
        operation: null,
        arrivedAt: clock.now(),
        answeredAt: 0,
        realArrivedAt: realNow,
        realIdleArrived: meta.idleNow?.() ?? realNow,
        realIdleAnswered: 0,
        realAnsweredAt: 0,
        status: 0,
        write: WRITE_METHODS.has(method),
        acted: false,
        fault: null,
        retryAfterMs: null,
        body: undefined,
        listing: null,
        run: null,
        checks: [],
      };
      let answer: Answer;
      try {
        const bytes = await readBody(request);
        const body = bytes instanceof Uint8Array ? new TextDecoder().decode(bytes) : bytes;
        if (typeof body === "string") exchange.body = body.slice(0, 4096);
        const kit: RequestCheck[] = checkRequest(
          {
            method,
            path: `${specPath}${url.search}`,
            headers: request.headers,
            ...(bytes instanceof Uint8Array ? { bodyBytes: bytes } : {}),
          },
          document,
        );
        exchange.checks.push(...kit);
        answer = await decide(request, exchange, specPath, url.search, body, credentials);
      } catch (error) {
        // An aborted request or a closed simulator: no answer was sent, so none is recorded.
        if (request.signal.aborted || closed) {
          exchange.status = "reset";
          finish(exchange, meta);
          throw request.signal.aborted ? request.signal.reason : error;
        }
        // Anything else is a bug in the simulator: the client gets a clean 500, the run goes on.
        answer = fromError(
          modeError("internal_server_error", `Internal server error: ${(error as Error).message}`),
        );
      }
      if (answer.reset) {
        exchange.status = "reset";
        finish(exchange, meta);
        return RESET;
      }
      exchange.status = answer.status;
      finish(exchange, meta);
      return toResponse(answer, request.signal, waits);
    },
    report(extras) {
      return buildReport({
        findings: ruleStates.flatMap((s) => s.findings()),
        redactor: secrets.redactor(),
        options,
        total: seq,
        byStatus,
        simulatedMs: clock.now() - start,
        ...(extras ? { extras } : {}),
      });
    },
    timeline: () => timeline,
    close() {
      closed = true;
      waits.endAll();
    },
  };
}
