// `npm run proxy -- <upstream> [--port N]`: a validating proxy in front of a real server
// (Mode itself, or a fake of it). Prism (`prism proxy --errors`) forwards valid requests,
// refuses invalid ones before they reach the server, and turns answers that break the spec into
// 500s; every such exchange is printed as it happens, and a summary table on Ctrl-C.
import { appendFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseServeArgs } from "./prism/cli-args.js";
import { startPrism } from "./prism/launcher.js";
import { loadOperationMatcher } from "./prism/operations.js";
import { startRecorder } from "./prism/recorder.js";
import { describeViolation, formatTable, isError, summarize } from "./prism/violations.js";

const usage =
  "usage: npm run proxy -- <upstream base URL, e.g. https://app.mode.com/api> [--port N] [--host H] [--spec FILE]";

async function main(): Promise<void> {
  const { host, port, spec, positionals } = parseServeArgs(process.argv.slice(2), process.env);
  const [upstream, extra] = positionals;
  if (!upstream || extra !== undefined) throw new Error(usage);
  try {
    new URL(upstream);
  } catch {
    throw new Error(
      `upstream must be an absolute URL such as https://app.mode.com/api, got ${JSON.stringify(upstream)}`,
    );
  }

  // Prism listens on a private port; people and clients talk to the recorder in front of it,
  // which sees each answer's violations and prints them.
  const logFile = join(process.cwd(), ".prism-proxy.log");
  writeFileSync(logFile, "");
  const prism = await startPrism({
    mode: "proxy",
    document: spec,
    upstream,
    onLog: (chunk) => appendFileSync(logFile, chunk),
  });
  const recorder = await startRecorder({
    target: prism.baseUrl,
    matchOperation: loadOperationMatcher(spec),
    host,
    port,
    onExchange: (e) => {
      const bad = e.violations.some(isError);
      console.log(
        `${bad ? "✖" : "✔"} ${e.status} ${e.method} ${e.url} ${e.operation ?? "(no operation)"}`,
      );
      for (const v of e.violations) console.log(`    ${describeViolation(v)}`);
    },
  });

  console.log(`Validating proxy at ${recorder.baseUrl} -> ${upstream}
  Point your client at it: MODE_BASE_URL=${recorder.baseUrl}
  Requests that break the spec are refused (4xx) and never reach ${upstream};
  answers that break it become 500s. Each exchange is listed below with its violations.
  Prism's own log: ${logFile} (Prism pid ${prism.pid})
  Ctrl-C prints a summary table and stops.`);

  let finishing = false;
  const finish = async (reason: string): Promise<void> => {
    if (finishing) return;
    finishing = true;
    await recorder.close();
    await prism.stop();
    const rows = summarize(recorder.exchanges);
    const broken = recorder.exchanges.filter((e) => e.violations.some(isError)).length;
    console.log(
      `\nproxy: ${reason}; ${recorder.exchanges.length} exchange(s), ${broken} broke the contract`,
    );
    if (rows.length > 0) console.log(`\n${formatTable(rows)}`);
    process.exit(broken > 0 ? 1 : 0);
  };
  process.on("SIGINT", () => void finish("stopped"));
  process.on("SIGTERM", () => void finish("stopped"));
  const code = await prism.exited;
  await finish(`Prism exited with ${code}`);
}

main().catch((error: unknown) => {
  console.error(`proxy: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
