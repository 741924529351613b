// `mode-datasets proxy <upstream>`: a validating proxy in front of a real server (Mode itself, or
// a fake of it). Prism (`prism proxy --errors`) forwards valid requests and turns answers that
// break the spec into 500s; the recorder in front refuses what the kit's own rules find broken
// before it reaches the server. Each exchange is printed as it happens, and the summary (and any
// report files) on Ctrl-C or after --max-requests.
import { appendFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { defineCommand } from "../command.js";
import { startPrism } from "../prism/launcher.js";
import { startRecorder } from "../prism/recorder.js";
import { describeViolation, isError } from "../prism/violations.js";
import { reportOptions, reportRun } from "../run-report.js";
import { serveOptions, serveSettings } from "../serve-options.js";
import { loadSpec } from "../spec-file.js";
import { untilStopped } from "../stop-signal.js";

export const proxy = defineCommand({
  summary: "a validating proxy in front of Mode (or a fake of it) that reports every exchange",
  usage: "<upstream base URL, e.g. https://app.mode.com/api> [options]",
  about: `Forwards requests that match the spec to the upstream and checks its answers; a request that
breaks the spec is refused (4xx) and never reaches the upstream.`,
  options: {
    ...serveOptions,
    "max-requests": {
      type: "string",
      value: "N",
      description: "stop after N exchanges and report (for CI)",
    },
    ...reportOptions,
  },
  takes: "operands",
  footer: `Exit codes: 0 nothing broke the contract; 1 something did (or warnings under --strict);
2 the proxy could not start.`,
  async run(values, operands) {
    const { host, port, spec } = serveSettings(values, process.env);
    const options = {
      strict: values.strict === true,
      junit: values.junit,
      json: values.json,
      maxRequests: maxRequests(values["max-requests"]),
    };
    const [upstream, extra] = operands;
    if (!upstream || extra !== undefined) {
      throw new Error("expected one upstream URL; see mode-datasets proxy --help");
    }
    try {
      new URL(upstream);
    } catch {
      throw new Error(
        `upstream must be an absolute URL such as https://app.mode.com/api, got ${JSON.stringify(upstream)}`,
      );
    }
    const document = await loadSpec(spec);

    // Prism listens on a private port; people and clients talk to the recorder in front of it,
    // which checks each request and answer and prints them.
    const logFile = join(process.cwd(), ".prism-proxy.log");
    writeFileSync(logFile, "");
    const prism = await startPrism({
      mode: "proxy",
      document: spec,
      upstream,
      onLog: (chunk) => appendFileSync(logFile, chunk),
    });
    let reachedMax: () => void = () => {};
    const maxReached = new Promise<void>((resolve) => {
      reachedMax = resolve;
    });
    let seen = 0;
    const recorder = await startRecorder({
      target: prism.baseUrl,
      spec: document,
      refuseErrors: true,
      host,
      port,
      onExchange: (e) => {
        const mark = e.violations.some(isError) ? "✖" : "✔";
        console.log(`${mark} ${e.status} ${e.method} ${e.url} ${e.operation ?? "(no operation)"}`);
        for (const v of e.violations) console.log(`    ${describeViolation(v)}`);
        seen += 1;
        if (options.maxRequests !== undefined && seen >= options.maxRequests) reachedMax();
      },
    });

    console.log(`Validating proxy at ${recorder.baseUrl} -> ${upstream}
  Point your client at it: MODE_BASE_URL=${recorder.baseUrl}
  Requests that break the spec are refused (4xx) and never reach ${upstream};
  answers that break it become 500s. Each exchange is listed below with its violations.
  Prism's own log: ${logFile} (Prism pid ${prism.pid})
  ${options.maxRequests === undefined ? "Ctrl-C" : `${options.maxRequests} exchanges, or Ctrl-C,`} prints a summary and stops.`);

    const ended = await Promise.race([
      untilStopped(prism.exited),
      maxReached.then(() => "max" as const),
    ]);
    await recorder.close();
    await prism.stop();
    if (typeof ended === "object") {
      console.error(`proxy: Prism exited on its own with ${String(ended.code)}; see ${logFile}`);
    }
    const summary = reportRun(
      "proxy",
      { mode: "proxy", spec, exchanges: recorder.exchanges, strict: options.strict },
      options,
    );
    return typeof ended === "object" ? 2 : summary.exitCode;
  },
});

/** `--max-requests N`: a whole number of at least 1, or undefined when not given. */
function maxRequests(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const count = Number(text);
  if (text.trim() === "" || !Number.isInteger(count) || count < 1) {
    throw new Error(
      `--max-requests must be a whole number of at least 1, got ${JSON.stringify(text)}`,
    );
  }
  return count;
}
