// The one Prism launcher: it answers before it resolves, reports Prism's log when Prism does not
// come up, and leaves no Prism behind (stop, signals to its owner, start failures).
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { freePort, startPrism } from "../../kit/prism/launcher.js";
import { isAlive } from "./run-script.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("startPrism", { timeout: 60_000 }, () => {
  it("resolves once Prism answers on a free loopback port, and stop leaves no process", async () => {
    const prism = await startPrism({ mode: "mock" });
    expect(prism.baseUrl).toBe(`http://127.0.0.1:${prism.port}`);
    const answer = await fetch(`${prism.baseUrl}/northwind/datasets/5a4177a2902c`, {
      headers: { Authorization: `Basic ${btoa("t:s")}`, Accept: "application/hal+json" },
    });
    expect(answer.status).toBe(200);
    expect(prism.log()).toContain("Prism is listening on");
    await prism.stop();
    await prism.stop(); // twice is fine
    expect(isAlive(prism.pid)).toBe(false);
    await expect(fetch(prism.baseUrl)).rejects.toThrow();
  });

  it("rejects with Prism's log when Prism exits at startup", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mode-contract-"));
    const empty = join(dir, "no-operations.yaml");
    writeFileSync(empty, "openapi: 3.1.0\ninfo: {title: empty, version: '1'}\npaths: {}\n");
    await expect(startPrism({ mode: "mock", document: empty })).rejects.toThrow(
      /exited before it answered\. Its log:\n[\s\S]*No operations found in the current file/,
    );
  });

  it("gives up after its timeout, with the log, and kills the Prism that never answered", async () => {
    // A named pipe with no writer: Prism waits on reading its spec for ever and never answers.
    // (A spec URL that never answers is no good: Prism's own fetch gives up first and exits.)
    const dir = mkdtempSync(join(tmpdir(), "mode-contract-"));
    const fifo = join(dir, "never-written.yaml");
    execFileSync("mkfifo", [fifo]);
    const holders = (): number[] => processesNaming(fifo);
    const starting = startPrism({ mode: "mock", document: fifo, startTimeoutMs: 3_000 });
    const failed = expect(starting).rejects.toThrow(/did not answer within 3000 ms\. Its log:/);
    // Prism is running with the pipe as its spec ...
    await vi.waitFor(() => expect(holders()).not.toEqual([]), { timeout: 3_000, interval: 50 });
    await failed;
    // ... and is gone once the launcher gives up.
    expect(holders()).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("names the missing spec and the command that makes it", async () => {
    await expect(
      startPrism({ mode: "mock", document: join(root, "generated", "missing.yaml") }),
    ).rejects.toThrow(/missing\.yaml does not exist; run `npm run generate` first/);
  });

  it("names a requested port that is already taken", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const address = taken.address();
    if (!address || typeof address !== "object") throw new Error("no address");
    try {
      await expect(startPrism({ mode: "mock", port: address.port })).rejects.toThrow(
        `port ${address.port} on 127.0.0.1 is already in use (another mock?); choose another port`,
      );
    } finally {
      taken.close();
    }
  });

  it("needs an upstream in proxy mode", async () => {
    await expect(startPrism({ mode: "proxy" })).rejects.toThrow(/proxy mode needs an upstream URL/);
  });

  it.each(["SIGTERM", "SIGINT", "SIGHUP"] as const)(
    "takes Prism down when its owner gets %s",
    async (signal) => {
      const owner = spawn(
        process.execPath,
        ["--import", "tsx", "test/kit/fixtures/hold-prism.ts"],
        {
          cwd: root,
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      const pid = await new Promise<number>((resolve, reject) => {
        let out = "";
        owner.stdout?.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          const match = /prism pid (\d+)/.exec(out);
          if (match) resolve(Number(match[1]));
        });
        owner.once("exit", () => reject(new Error(`owner exited early: ${out}`)));
      });
      expect(isAlive(pid)).toBe(true);
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        owner.once("exit", (_code, s) => resolve(s)),
      );
      owner.kill(signal);
      // The owner still dies by the signal (the launcher re-raises it after cleaning up) ...
      expect(await exited).toBe(signal);
      // ... and Prism (its own process group) went first.
      expect(isAlive(pid)).toBe(false);
    },
  );
});

describe("freePort", () => {
  it("returns a port that can be bound on 127.0.0.1", async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", resolve);
    });
    server.close();
    expect(port).toBeGreaterThan(0);
  });
});

/** Pids of the processes whose command line names `text` (Linux /proc). */
function processesNaming(text: string): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);
}
