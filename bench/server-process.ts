import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import type { ServerConfig, ServerReply, ServerStats } from "./server-protocol.js";

export interface BenchServer {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  stats(): Promise<ServerStats>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

const entry = fileURLToPath(new URL("./server.ts", import.meta.url));

/** Starts bench/server.ts in a child process and resolves once it listens. */
export async function startServer(config: ServerConfig = {}): Promise<BenchServer> {
  const child = fork(entry, [JSON.stringify(config)], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const ready = await reply(child, "ready", 20_000);
  if (ready.type !== "ready") throw new Error("bench server did not start");
  return {
    origin: `http://127.0.0.1:${ready.port}`,
    async stats() {
      child.send({ type: "stats" });
      const answer = await reply(child, "stats", 5_000);
      if (answer.type !== "stats") throw new Error("bench server answered out of turn");
      return answer.stats;
    },
    async reset() {
      child.send({ type: "reset" });
      await reply(child, "reset", 5_000);
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, "exit");
      child.kill();
      await exited;
    },
  };
}

function reply(
  child: ChildProcess,
  type: ServerReply["type"],
  timeoutMs: number,
): Promise<ServerReply> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => finish(new Error(`bench server sent no "${type}" within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (message: ServerReply): void => {
      if (message.type === type) finish(undefined, message);
    };
    const onExit = (code: number | null): void =>
      finish(new Error(`bench server exited with code ${String(code)}`));
    function finish(error?: Error, message?: ServerReply): void {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
      if (error) reject(error);
      else resolve(message as ServerReply);
    }
    child.on("message", onMessage);
    child.on("exit", onExit);
  });
}
