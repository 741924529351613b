// `npm start &` and then `kill <npm pid>`: npm ends without passing the signal on, so what it
// started must notice by itself and stop everything, leaving nothing listening. The same for a
// kit command run through npm. Each runs on free ports; `--skip-build` serves what `npm run build`
// built, so nothing here rewrites files other tests read.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { freePort } from "../../kit/prism/launcher.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** Starts `npm <args>`, resolves once its output matches `ready`; returns npm's process. */
async function startNpm(args: string[], env: NodeJS.ProcessEnv, ready: RegExp) {
  const npm = spawn("npm", args, { cwd: root, env: { ...process.env, ...env }, stdio: "pipe" });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (ready.test(output)) resolve();
    };
    npm.stdout.on("data", onData);
    npm.stderr.on("data", onData);
    npm.once("exit", () => reject(new Error(`npm ${args.join(" ")} exited early:\n${output}`)));
  });
  return npm;
}

const answers = (url: string): Promise<boolean> =>
  fetch(url).then(
    async (res) => {
      await res.arrayBuffer();
      return true;
    },
    () => false,
  );

const nothingOn = (urls: string[]): Promise<void> =>
  vi.waitFor(
    async () => {
      for (const url of urls) expect(await answers(url), url).toBe(false);
    },
    { timeout: 20_000, interval: 200 },
  );

describe("SIGTERM to npm", { timeout: 180_000 }, () => {
  it("npm start: the simulator and the docs server stop, nothing left on their ports", async () => {
    const [simulatorPort, docsPort] = [await freePort(), await freePort()];
    const npm = await startNpm(
      ["start", "--", "--skip-build", "--port", String(simulatorPort)],
      { DOCS_PORT: String(docsPort) },
      /simulated and documented/,
    );
    const urls = [`http://127.0.0.1:${simulatorPort}/`, `http://127.0.0.1:${docsPort}/`];
    for (const url of urls) expect(await answers(url), url).toBe(true);
    npm.kill("SIGTERM");
    await nothingOn(urls);
  });

  it("npm run mock: the mock stops, nothing left on its port", async () => {
    const port = await freePort();
    const npm = await startNpm(
      ["run", "mock", "--", "--port", String(port)],
      {},
      /Ctrl-C stops the mock/,
    );
    const url = `http://127.0.0.1:${port}/`;
    expect(await answers(url)).toBe(true);
    npm.kill("SIGTERM");
    await nothingOn([url]);
  });
});
