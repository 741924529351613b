// The one way this repository starts Prism: the vitest global setup, `npm start` and every kit
// command go through `startPrism`, so they share the same readiness check, the same log capture
// and the same no-orphans guarantee: Prism runs under a guard that ends its process group when
// the process that started it ends, even by SIGKILL (see kit/process/guards.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { request } from "node:http";
import { createServer, type Socket } from "node:net";

import { bundledSpec, packageRoot } from "../package-root.js";
import { PRISM_GUARD } from "../process/guards.js";
import { prismEntry } from "./prism-entry.js";

export { bundledSpec, packageRoot };

export interface PrismOptions {
  /** `mock` answers from the spec's examples; `proxy` forwards to `upstream`. */
  mode: "mock" | "proxy";
  /** Upstream base URL; required in proxy mode (the kit's relay, never a remote server). */
  upstream?: string;
  /** Spec file. Default: generated/openapi.yaml. */
  document?: string;
  /** Default: 127.0.0.1 (never listen beyond loopback unless asked). */
  host?: string;
  /** Default: a free port chosen by the OS. */
  port?: number;
  /** Default: 30 000 ms. How long to wait for Prism to answer before giving up. */
  startTimeoutMs?: number;
  /** Called with every chunk Prism writes (stdout and stderr), e.g. to echo it live. */
  onLog?: (chunk: string) => void;
}

export interface PrismServer {
  /** `http://host:port`, no trailing slash. */
  readonly baseUrl: string;
  readonly port: number;
  /** Process id of Prism, the leader of its own process group. */
  readonly pid: number;
  /** Everything Prism has printed so far. */
  log(): string;
  /** Resolves when Prism exits on its own (or after stop). */
  readonly exited: Promise<number | null>;
  /** Kills Prism's whole process group and waits for it to exit. Safe to call twice. */
  stop(): Promise<void>;
}

/** True when `port` on `host` can be bound now (so no other process is listening there). */
export async function portFree(host: string, port: number): Promise<boolean> {
  return await new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** Asks the OS for a free port on `host`: bind port 0, read it, close. */
export async function freePort(host = "127.0.0.1"): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error(`could not read a free port on ${host}`));
      });
    });
  });
}

// Every Prism still running, with its stop function, so a signal or an exit of this process can
// take them all down.
const running = new Map<ChildProcess, () => Promise<void>>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals, evenIfLeaderExited = false): void {
  if (child.pid === undefined) return;
  const leaderExited = child.exitCode !== null || child.signalCode !== null;
  if (leaderExited && !evenIfLeaderExited) return;
  try {
    // Negative pid: the whole group (Prism is spawned detached, as its own group leader).
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

let hooksInstalled = false;
function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  // `exit` handlers must be synchronous: a SIGKILL to each group is the only thing that fits.
  process.on("exit", () => {
    for (const child of running.keys()) killGroup(child, "SIGKILL");
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    const onSignal = (): void => {
      // Someone else handles the signal: they stop their Prisms when they are done with them
      // (and the guard ends each Prism when this process ends, whatever happens).
      if (process.listenerCount(signal) > 1) return;
      process.off(signal, onSignal);
      // Nobody else: wait until every Prism has exited, then die by the signal as by default.
      void Promise.all([...running.values()].map((stop) => stop())).then(() => {
        process.kill(process.pid, signal);
      });
    };
    process.on(signal, onSignal);
  }
}

/** Resolves once Prism answers an HTTP request of its own (a CORS preflight). */
async function answers(host: string, port: number): Promise<boolean> {
  // A preflight is answered by Prism itself in both modes, so readiness checks never reach
  // the upstream of a proxy and never show up as violations.
  return await new Promise((resolve) => {
    const req = request(
      {
        host,
        port,
        method: "OPTIONS",
        path: "/",
        headers: { Origin: "http://127.0.0.1", "Access-Control-Request-Method": "GET" },
        timeout: 1_000,
      },
      (res) => {
        res.resume();
        resolve(true);
      },
    );
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(false));
    req.end();
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// What Prism prints once its server is bound (its `createServer`: "Prism is listening on ...").
const LISTENING = /Prism is listening on /;

class PortInUseError extends Error {}

/** Starts Prism and resolves once it answers; rejects with its log when it does not. */
export async function startPrism(options: PrismOptions): Promise<PrismServer> {
  const host = options.host ?? "127.0.0.1";
  // Port 0 means "any free port", which is chosen here so that readiness can be probed on it.
  if (options.port !== undefined && options.port !== 0) {
    if (!(await portFree(host, options.port))) {
      throw new Error(
        `port ${options.port} on ${host} is already in use (another mock?); choose another port`,
      );
    }
    try {
      return await launch(options, host, options.port);
    } catch (error) {
      if (!(error instanceof PortInUseError)) throw error;
      throw new Error(
        `port ${options.port} on ${host} is already in use (another mock?); choose another port`,
        { cause: error },
      );
    }
  }
  // Another process may take the free port before Prism binds it: try a fresh one, a few times.
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(options, host, await freePort(host));
    } catch (error) {
      if (!(error instanceof PortInUseError) || attempt >= 3) throw error;
    }
  }
}

async function launch(options: PrismOptions, host: string, port: number): Promise<PrismServer> {
  const document = options.document ?? bundledSpec;
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  if (options.mode === "proxy" && !options.upstream) {
    throw new Error("startPrism: proxy mode needs an upstream URL, e.g. https://app.mode.com/api");
  }

  if (!/^https?:\/\//.test(document) && !existsSync(document)) {
    throw new Error(`startPrism: spec ${document} does not exist; run \`npm run generate\` first`);
  }

  const args = [options.mode, document];
  if (options.mode === "proxy") args.push(options.upstream as string);
  // --errors: a request or response that breaks the spec becomes an error answer (4xx for the
  // request, 500 for a response or an example that breaks its own schema), not a silent warning.
  args.push("--host", host, "--port", String(port), "--errors");
  // One process: under NODE_ENV=production Prism would fork its server into a second one.
  args.push("--no-multiprocess");

  const entry = prismEntry();
  installExitHooks();
  const child = spawn(process.execPath, ["-e", PRISM_GUARD, entry, ...args], {
    cwd: packageRoot,
    detached: true,
    // stdin: the pipe the guard watches; only this process holds its other end.
    stdio: ["pipe", "pipe", "pipe"],
    // No colours: the log is read by people and by our failure messages alike.
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
  });
  // The pipe must not keep this process alive on its own.
  (child.stdin as Socket | null)?.unref();

  let captured = "";
  const onChunk = (chunk: Buffer): void => {
    const text = chunk.toString("utf8");
    captured += text;
    options.onLog?.(text);
  };
  child.stdout?.on("data", onChunk);
  child.stderr?.on("data", onChunk);

  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => {
      running.delete(child);
      resolve(code);
    });
    child.once("error", (error) => {
      captured += `\n${String(error)}\n`;
      running.delete(child);
      resolve(null);
    });
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      // A Prism that already exited on its own is left alone: its pid may belong to someone else.
      if (child.exitCode !== null || child.signalCode !== null) return;
      killGroup(child, "SIGTERM");
      const forced = setTimeout(() => killGroup(child, "SIGKILL"), 3_000);
      await exited;
      clearTimeout(forced);
      // The group leader is gone; take down anything it left in its group.
      killGroup(child, "SIGKILL", true);
    })();
    return stopping;
  };
  running.set(child, stop);

  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const deadline = Date.now() + timeoutMs;
  while (!hasExited) {
    // Only our own Prism counts: another process already on the port would answer the probe too,
    // but only ours prints that it listens (before it exits with EADDRINUSE, it prints nothing
    // of the kind).
    if (LISTENING.test(captured) && (await answers(host, port))) {
      return {
        baseUrl: `http://${host}:${port}`,
        port,
        pid: child.pid as number,
        log: () => captured,
        exited,
        stop,
      };
    }
    if (Date.now() > deadline) break;
    await sleep(100);
  }
  const reason = hasExited ? "exited before it answered" : `did not answer within ${timeoutMs} ms`;
  await stop();
  const message = `Prism (${args.join(" ")}) ${reason}. Its log:\n${captured.trim() || "(empty)"}`;
  throw captured.includes("EADDRINUSE") ? new PortInUseError(message) : new Error(message);
}
