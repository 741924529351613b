/**
 * Starts worker processes (worker.ts, through tsx), releases them together, and collects what
 * each saw. A worker that does not report within the deadline fails the test instead of hanging it.
 */
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface WorkerSettings {
  name: string;
  /** "ioredis" or "node-redis": the worker's own Redis client. */
  client: "ioredis" | "node-redis";
  /** Through the Redis limiter (true) or the worker's own in-process one (the control). */
  shared: boolean;
  redisPort: number;
  baseUrl: string;
  token: string;
  limit: { requests: number; intervalMs: number };
  /** Calls this worker makes, `concurrency` at a time. */
  requests: number;
  concurrency: number;
  /** Milliseconds added to this process's Date.now() and performance.now(). */
  skewMs: number;
  /** Calls made before "ready", on a budget of their own (the bench times warm workers). */
  warmUp?: number;
}

export interface WorkerReport {
  name: string;
  /** Final status of each call, counted. */
  statuses: Record<number, number>;
  errors: string[];
  warnings: string[];
}

const entry = fileURLToPath(new URL("./worker.ts", import.meta.url));
const root = fileURLToPath(new URL("../../", import.meta.url));

export async function runWorkers(
  all: WorkerSettings[],
  options: { deadlineMs?: number; beforeGo?: () => Promise<void> } = {},
): Promise<WorkerReport[]> {
  const { deadlineMs = 100_000, beforeGo } = options;
  const children: ChildProcess[] = [];
  try {
    const started = all.map((settings) => {
      const child = fork(entry, [JSON.stringify(settings)], {
        cwd: root,
        execArgv: ["--import", "tsx"],
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      children.push(child);
      return child;
    });
    await Promise.all(started.map((child) => message(child, "ready", deadlineMs)));
    await beforeGo?.();
    const reports = started.map((child) => message(child, "done", deadlineMs));
    for (const child of started) child.send({ type: "go" });
    return (await Promise.all(reports)).map((done) => done.report as WorkerReport);
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  }
}

function message(
  child: ChildProcess,
  type: string,
  deadlineMs: number,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`worker ${child.pid} sent no "${type}" within ${deadlineMs} ms`)),
      deadlineMs,
    );
    const onMessage = (value: Record<string, unknown>): void => {
      if (value["type"] !== type) return;
      clearTimeout(timer);
      child.off("message", onMessage);
      resolve(value);
    };
    child.on("message", onMessage);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`worker ${child.pid} exited (${code}) before "${type}"`));
    });
  });
}
