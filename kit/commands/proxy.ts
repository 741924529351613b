// `mode-datasets proxy <upstream>`: a validating proxy in front of a real server (Mode itself, or
// a fake of it). The kit's front layer refuses what its guards and rules find broken before it
// can reach the server; Prism (`prism proxy --errors`) validates each request and answer; the
// relay behind Prism sends each request, as the client sent it, to the upstream and hands its
// answer back as it was. Each exchange is printed as it happens, and the summary (and any report
// files) on Ctrl-C or after --max-requests.
import { appendFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { defineCommand } from "../command.js";
import { startFront } from "../front/front.js";
import { startRelay } from "../front/relay.js";
import { checkUpstream } from "../front/upstream-url.js";
import { frontOptions, frontSettings } from "../front-options.js";
import { portFree, startPrism } from "../prism/launcher.js";
import { describeViolation, isError } from "../prism/violations.js";
import { redactExchange } from "../report/index.js";
import { reportOptions, reportRun } from "../run-report.js";
import { serveOptions, serveSettings } from "../serve-options.js";
import { loadSpec } from "../spec-file.js";
import { untilStopped } from "../stop-signal.js";

export const proxy = defineCommand({
  summary: "a validating proxy in front of Mode (or a fake of it) that reports every exchange",
  usage: "<upstream base URL, e.g. https://app.mode.com/api> [options]",
  about: `Forwards requests that match the spec to the upstream and checks its answers; a request that
breaks the spec is refused (4xx) and never reaches the upstream. Every answer the upstream gives
reaches the client as it was: a redirect is never followed, an error never replaced. The
upstream must be https://, or http:// to this machine.`,
  options: {
    ...serveOptions,
    "max-requests": {
      type: "string",
      value: "N",
      description: "stop after N exchanges and report (for CI)",
    },
    "allow-plain-http": {
      type: "boolean",
      description: "accept an http:// upstream on another host (credentials cross in clear)",
    },
    ...frontOptions,
    ...reportOptions,
  },
  takes: "operands",
  footer: `Exit codes: 0 nothing broke the contract; 1 something did (or warnings under --strict);
2 the proxy could not start.`,
  async run(values, operands) {
    const { host, port, spec } = serveSettings(values, process.env);
    const { maxBodyBytes, graceMs } = frontSettings(values);
    const maxRequests = wholeCount(values["max-requests"]);
    const [given, extra] = operands;
    if (!given || extra !== undefined) {
      throw new Error("expected one upstream URL; see mode-datasets proxy --help");
    }
    const upstream = checkUpstream(given, values["allow-plain-http"] === true);
    if (upstream.warning) console.error(upstream.warning);
    if (port !== 0 && !(await portFree(host, port))) {
      throw new Error(`port ${port} on ${host} is already in use; choose another port`);
    }
    const document = await loadSpec(spec);

    const logFile = join(process.cwd(), ".prism-proxy.log");
    writeFileSync(logFile, "");
    const relay = await startRelay(upstream.url, maxBodyBytes);
    const prism = await startPrism({
      mode: "proxy",
      document: spec,
      upstream: relay.baseUrl,
      onLog: (chunk) => appendFileSync(logFile, chunk),
    });
    let reachedMax: () => void = () => {};
    const maxReached = new Promise<void>((resolve) => {
      reachedMax = resolve;
    });
    const front = await startFront({
      mode: "proxy",
      prism: prism.baseUrl,
      spec: document,
      relay,
      host,
      port,
      maxBodyBytes,
      onExchange: (exchange) => {
        // Printed as the reports show it: no secret of the request reaches the console.
        const e = redactExchange(exchange);
        const mark = e.violations.some(isError) ? "✖" : "✔";
        console.log(`${mark} ${e.status} ${e.method} ${e.url} ${e.operation ?? "(no operation)"}`);
        for (const v of e.violations) console.log(`    ${describeViolation(v)}`);
        if (maxRequests !== undefined && front.exchanges.length >= maxRequests) reachedMax();
      },
    });

    const target = `${upstream.url.origin}${upstream.url.pathname}`;
    console.log(`Validating proxy at ${front.baseUrl} -> ${target}
  Point your client at it: MODE_BASE_URL=${front.baseUrl}
  Requests that break the spec are refused (4xx) and never reach ${target};
  answers reach your client as the upstream gave them, with an sl-violations header when they
  break the spec. Each exchange is listed below with its violations.
  Prism's own log: ${logFile} (Prism pid ${prism.pid})
  ${maxRequests === undefined ? "Ctrl-C" : `${maxRequests} exchanges, or Ctrl-C,`} prints a summary and stops.`);

    const ended = await Promise.race([
      untilStopped(prism.exited),
      maxReached.then(() => "max" as const),
    ]);
    await front.close(typeof ended === "object" ? 0 : graceMs);
    await prism.stop();
    await relay.close();
    if (typeof ended === "object") {
      console.error(`proxy: Prism exited on its own with ${String(ended.code)}; see ${logFile}`);
    }
    const summary = reportRun(
      "proxy",
      { mode: "proxy", spec, exchanges: front.exchanges, strict: values.strict === true },
      { junit: values.junit, json: values.json },
    );
    return typeof ended === "object" ? 2 : summary.exitCode;
  },
});

/** `--max-requests N`: a whole number of at least 1, or undefined when not given. */
function wholeCount(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const count = Number(text);
  if (text.trim() === "" || !Number.isInteger(count) || count < 1) {
    throw new Error(
      `--max-requests must be a whole number of at least 1, got ${JSON.stringify(text)}`,
    );
  }
  return count;
}
