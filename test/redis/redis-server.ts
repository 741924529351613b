/**
 * A real redis-server for one test file: on a free 127.0.0.1 port, nothing saved to disk, and
 * stopped afterwards. It can be killed, frozen and restarted on the same port, as outages are.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, constants, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

/** The redis-server on PATH, or undefined: the suite is skipped (or fails when required). */
export function findRedisServer(path = process.env["PATH"] ?? ""): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, "redis-server");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return undefined;
}

export interface RedisServer {
  port: number;
  url: string;
  /** SIGKILL: the connection drops at once, as when a host dies. */
  kill(): Promise<void>;
  /** SIGSTOP: connections stay open and nothing answers, as on a partition or a stalled host. */
  freeze(): void;
  thaw(): void;
  /** A fresh, empty server on the same port (no persistence: the budget is forgotten). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRedisServer(): Promise<RedisServer> {
  const binary = findRedisServer();
  if (!binary) throw new Error("redis-server is not on PATH");
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "mode-redis-"));
  let child = await launch(binary, port, dir);
  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async kill() {
      await exit(child, "SIGKILL");
    },
    freeze() {
      child.kill("SIGSTOP");
    },
    thaw() {
      child.kill("SIGCONT");
    },
    async restart() {
      if (child.exitCode === null && child.signalCode === null) await exit(child, "SIGKILL");
      child = await launch(binary, port, dir);
    },
    async stop() {
      child.kill("SIGCONT");
      await exit(child, "SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}

async function launch(binary: string, port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    binary,
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
      "--dir",
      dir,
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  // A test run that dies leaves no server behind.
  const cleanup = (): void => {
    child.kill("SIGKILL");
  };
  process.once("exit", cleanup);
  child.once("exit", () => process.off("exit", cleanup));
  let log = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`redis-server did not start on port ${port} within 10 s:\n${log}`));
    }, 10_000);
    const onData = (chunk: Buffer): void => {
      log += chunk.toString();
      if (log.includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code ?? signal}) on port ${port}:\n${log}`));
    });
  });
  child.stdout?.resume();
  child.stderr?.resume();
  return child;
}

function exit(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
