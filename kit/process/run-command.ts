// Runs the command `contract` wraps, in a process group of its own under a guard (guards.ts), so
// that the command, its children and its children's children all end when it ends, when the kit
// is stopped, or when the kit itself dies. Ctrl-C and SIGTERM to the kit are passed to the whole
// group; what does not end within the grace period is killed.
import { spawn } from "node:child_process";
import type { Socket } from "node:net";
import { COMMAND_GUARD } from "./guards.js";
import { whenNpmParentGone } from "./parent-watch.js";

export interface CommandEnd {
  /** The command's exit code; null when a signal ended it; 127 when it could not be started. */
  code: number | null;
  /** Why it could not be started (`ENOENT`), when it could not. */
  error?: string;
}

export interface RunCommandOptions {
  env: NodeJS.ProcessEnv;
  /** How long the group has, after SIGTERM, before SIGKILL. */
  graceMs: number;
}

/** Runs `command` (one word with spaces runs through the shell); resolves once its group is gone. */
export async function runCommand(
  command: readonly string[],
  options: RunCommandOptions,
): Promise<CommandEnd> {
  const [file, ...args] = command as [string, ...string[]];
  const shell = command.length === 1 && /\s/.test(file);
  const guard = spawn(
    process.execPath,
    ["-e", COMMAND_GUARD, String(options.graceMs), shell ? "1" : "0", file, ...args],
    {
      detached: true,
      // The command's group is not the terminal's foreground group: reading the terminal would
      // stop it (SIGTTIN), so it gets no terminal input. A pipe or file on stdin is passed on.
      stdio: [process.stdin.isTTY ? "ignore" : "inherit", "inherit", "inherit", "pipe"],
      env: options.env,
    },
  );
  let report = "";
  const control = guard.stdio[3] as Socket;
  control.on("data", (chunk: Buffer) => {
    report += chunk.toString("utf8");
  });
  control.on("error", () => {});

  const signalGroup = (signal: NodeJS.Signals): void => {
    if (guard.pid === undefined || guard.exitCode !== null || guard.signalCode !== null) return;
    try {
      process.kill(-guard.pid, signal);
    } catch {
      // Already gone.
    }
  };
  // The guard escalates on its own; the timer is for a guard that could not.
  let forced: NodeJS.Timeout | undefined;
  const stop = (signal: NodeJS.Signals) => (): void => {
    signalGroup(signal);
    forced ??= setTimeout(() => signalGroup("SIGKILL"), options.graceMs + 2_000);
  };
  const onInt = stop("SIGINT");
  const onTerm = stop("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  const stopWatching = whenNpmParentGone(onTerm);
  try {
    // `close`, not `exit`: it comes after the guard's report on fd 3 has been read.
    await new Promise<void>((resolve) => {
      guard.once("close", () => resolve());
      guard.once("error", () => resolve());
    });
  } finally {
    clearTimeout(forced);
    stopWatching();
    process.off("SIGINT", onInt);
    process.off("SIGTERM", onTerm);
  }
  return readEnd(report);
}

function readEnd(report: string): CommandEnd {
  const line = report.split("\n").find((text) => text.trim() !== "");
  if (line === undefined) return { code: null };
  try {
    const end = JSON.parse(line) as { code?: number | null; error?: string };
    if (end.error !== undefined) return { code: 127, error: end.error };
    return { code: typeof end.code === "number" ? end.code : null };
  } catch {
    return { code: null };
  }
}
