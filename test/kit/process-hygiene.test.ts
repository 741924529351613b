// Nothing the kit starts outlives it: the command `contract` wraps runs in a process group of its
// own, which gets SIGTERM and then SIGKILL when the command ends or the kit is stopped, and Prism
// and that group end even when the kit itself is killed with SIGKILL. Each case runs the built
// command and checks, through /proc, which processes remain.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { isAlive, startScript } from "./run-script.js";

/** Pids of the live processes whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        return Number(ppid) === pid && state !== "Z";
      } catch {
        return false;
      }
    })
    .map(Number);
}

const gone = (pids: number[]): Promise<void> =>
  vi.waitFor(() => expect(pids.filter(isAlive)).toEqual([]), { timeout: 15_000, interval: 100 });

const holdOn = `process.on("SIGTERM", () => {}); console.log("held pid", process.pid); setInterval(() => {}, 1000)`;

describe("process hygiene", { timeout: 90_000 }, () => {
  it.each(["SIGTERM", "SIGINT"] as const)(
    "on %s, a command that ignores SIGTERM is killed after --grace-ms, and the kit exits",
    async (signal) => {
      const kit = startScript("contract", ["--grace-ms", "500", "--", "node", "-e", holdOn]);
      const [, pid] = await kit.waitFor(/held pid (\d+)/);
      kit.child.kill(signal);
      await kit.exited;
      expect(isAlive(Number(pid))).toBe(false);
      expect(kit.output()).toContain("contract: FAIL: the command was stopped by a signal");
    },
  );

  it("ends what a command left running in the background once the command ends, SIGTERM first", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mode-hygiene-"));
    const marker = join(dir, "got-sigterm");
    const ready = join(dir, "ready");
    // A background server that tidies up on SIGTERM, as a well-behaved one does; the command
    // ends once its handler is in place.
    const server = `const fs = require("fs"); process.on("SIGTERM", () => { fs.writeFileSync(${JSON.stringify(marker)}, "1"); process.exit(0); }); fs.writeFileSync(${JSON.stringify(ready)}, "1"); setInterval(() => {}, 1000)`;
    try {
      const kit = startScript("contract", [
        `node -e '${server}' & while [ ! -f ${ready} ]; do sleep 0.1; done; echo background pid $!`,
      ]);
      const [, pid] = await kit.waitFor(/background pid (\d+)/);
      await kit.exited;
      expect(isAlive(Number(pid))).toBe(false);
      expect(existsSync(marker)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("runs none of a shell command's later steps once the kit is stopped", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mode-hygiene-"));
    const marker = join(dir, "later-step-ran");
    try {
      const kit = startScript("contract", [
        "--grace-ms=500",
        `echo shell pid $$; sleep 300; touch ${marker}`,
      ]);
      const [, pid] = await kit.waitFor(/shell pid (\d+)/);
      kit.child.kill("SIGTERM");
      await kit.exited;
      // The whole group was gone before the kit exited: nothing is left that could run it.
      expect(isAlive(Number(pid))).toBe(false);
      expect(existsSync(marker)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("takes Prism and the command's group down when the kit is killed with SIGKILL", async () => {
    const kit = startScript("contract", ["--", "node", "-e", holdOn]);
    const [, pid] = await kit.waitFor(/held pid (\d+)/);
    const started = childrenOf(kit.child.pid as number);
    expect(started.length).toBeGreaterThanOrEqual(2); // Prism's guard and the command's
    kit.child.kill("SIGKILL");
    await kit.exited;
    await gone([...started, Number(pid)]);
  });

  it("leaves nothing listening when `mock` is killed with SIGKILL", async () => {
    const kit = startScript("mock", ["--port", "0"]);
    const [, base] = await kit.waitFor(/mock \(Prism, validating\) at (http:\/\/\S+)/);
    const prism = childrenOf(kit.child.pid as number);
    expect(prism).toHaveLength(1);
    kit.child.kill("SIGKILL");
    await kit.exited;
    await gone(prism);
    await expect(fetch(`${base}/`)).rejects.toThrow();
  });
});
