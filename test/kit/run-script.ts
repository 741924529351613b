// Runs one `mode-datasets <command>` of the kit as its own process, from the BUILT command
// (dist/kit/cli.js, what the package ships and `npx mode-datasets` runs), with the CLI itself as
// the child (no npm or tsx wrapper in between), so tests can signal it and read its output.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { constants } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** The built CLI; throws when kit/ has changed since it was built, so no test runs old code. */
export function builtCli(): string {
  const cli = join(root, "dist", "kit", "cli.js");
  let built: number;
  try {
    built = statSync(cli).mtimeMs;
  } catch {
    throw new Error(`${cli} does not exist: run \`npm run build\` first`);
  }
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return newest(path);
        return entry.name.endsWith(".ts") ? statSync(path).mtimeMs : 0;
      }),
    );
  if (newest(join(root, "kit")) > built) {
    throw new Error(`kit/ has changed since ${cli} was built: run \`npm run build\` first`);
  }
  return cli;
}

export interface RunningScript {
  child: ChildProcess;
  /** stdout and stderr so far, interleaved. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output; rejects if the script exits first. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  /** Resolves with the exit code (128 + n for signal n). */
  exited: Promise<number>;
}

export function startScript(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): RunningScript {
  const child = spawn(process.execPath, [builtCli(), command, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    output += chunk.toString("utf8");
    for (const listener of listeners) listener();
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  let done = false;
  // `close` (not `exit`): it comes after the last output has been read.
  const exited = new Promise<number>((resolve) => {
    child.once("close", (code, signal) => {
      done = true;
      resolve(code ?? 128 + (signal ? constants.signals[signal] : 0));
      for (const listener of [...listeners]) listener();
    });
  });

  return {
    child,
    output: () => output,
    exited,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const match = output.match(pattern);
          if (match) {
            listeners.delete(check);
            resolve(match);
          } else if (done) {
            listeners.delete(check);
            reject(
              new Error(
                `mode-datasets ${command} exited before printing ${String(pattern)}:\n${output}`,
              ),
            );
          }
        };
        listeners.add(check);
        check();
      }),
  };
}

/** Runs a script to the end. */
export async function runScript(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; output: string }> {
  const running = startScript(command, args, env);
  const code = await running.exited;
  return { code, output: running.output() };
}

/**
 * True while a process with this pid runs. A zombie (it has exited; nobody has reaped it yet,
 * as happens under a container's init that reaps nothing) is not running.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0] !== "Z";
  } catch {
    // No /proc (not Linux): the signal check is all there is.
    return existsSync("/proc") === false;
  }
}
