// Clients in Python (standard library only, in clients/), run against the simulator on 127.0.0.1
// as another team's client would be: a correct one passes with no error finding and every answer
// valid against the spec; each faulty one gets the rule that names its fault.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { createEngine, RESET, type SimulatorEngine } from "../../kit/simulator/engine.js";
import { serveSimulator, type SimulatorServer } from "../../kit/simulator/http/serve.js";
import type { SimulatorOptions } from "../../kit/simulator/index.js";
import { answerProblems } from "./support/spec-answers.js";

const run = promisify(execFile);
const clients = fileURLToPath(new URL("./clients/", import.meta.url));

let server: SimulatorServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/**
 * Runs `clients/<name>.py` against a fresh simulator and returns it with the client's exit code
 * and output, and every problem found in the simulator's answers (checked against the spec).
 */
async function runClient(
  name: string,
  options: SimulatorOptions,
  env: Record<string, string> = {},
) {
  const engine = createEngine(options);
  const problems: string[] = [];
  // Every answer is read a second time, from a clone, and judged against the spec.
  const validating: SimulatorEngine = Object.assign(Object.create(engine), {
    async handle(request: Request, meta: Parameters<SimulatorEngine["handle"]>[1]) {
      const answer = await engine.handle(request, meta);
      if (answer !== RESET && !engine.timeline().entries().at(-1)?.fault) {
        const copy = answer.clone();
        void copy.text().then((body) => {
          const url = new URL(request.url);
          if (url.pathname.includes("/results/")) return;
          problems.push(
            ...answerProblems({
              method: request.method,
              url: request.url,
              status: copy.status,
              headers: copy.headers,
              body,
            }),
          );
        });
      }
      return answer;
    },
  });
  server = await serveSimulator(validating);
  let code = 0;
  let output = "";
  try {
    const { stdout, stderr } = await run("python3", [`${clients}${name}.py`], {
      cwd: clients,
      timeout: 60_000,
      env: {
        ...process.env,
        MODE_BASE_URL: `${server.url}/api`,
        MODE_API_TOKEN: "py-client-token",
        MODE_API_SECRET: "py-client-secret",
        PYTHONDONTWRITEBYTECODE: "1",
        ...env,
      },
    });
    output = stdout + stderr;
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    code = typeof failed.code === "number" ? failed.code : -1;
    output = `${failed.stdout ?? ""}${failed.stderr ?? ""}`;
  }
  const report = engine.report();
  const rules = report.findings.map((f) => `${f.severity} ${f.rule}`);
  return { engine, report, rules, code, output, problems };
}

describe("a correct client", () => {
  it("walks every Collection, reads every Dataset across the rate limit, renames, runs and deletes, and passes", async () => {
    const { report, rules, code, output, problems } = await runClient("correct_client", {
      seed: 5,
      datasets: 60,
      timeScale: 20,
    });
    expect(code, output).toBe(0);
    expect(output).toMatch(/read 60 Datasets in 3 Collections/);
    expect(output).toMatch(/run \w+ succeeded/);
    // It crossed the rate limit and waited as told: a warning at most, never an error.
    expect(report.requests.byStatus["429"]).toBeGreaterThan(0);
    expect(rules.filter((r) => r.startsWith("error"))).toEqual([]);
    expect(rules).toEqual(["warning rate-limit/exceeded"]);
    expect(report.verdict).toBe("pass");
    expect(problems).toEqual([]);
  }, 90_000);
});

describe("result content", () => {
  it("a several-query report's CSV is a ZIP that Python's zipfile opens, one CSV per query", async () => {
    const engine = createEngine({ datasets: 60 });
    const get = async (path: string): Promise<Response> =>
      (await engine.handle(
        new Request(`https://app.mode.com/api/northwind${path}`, {
          headers: { authorization: `Basic ${btoa("zip-token:zip-secret")}` },
        }),
      )) as Response;
    const items = async (path: string) =>
      Object.values((await (await get(path)).json())._embedded ?? {}).flat() as Array<{
        token: string;
        state?: string;
      }>;
    for (const space of await items("/spaces")) {
      for (const report of await items(`/spaces/${space.token}/reports?per_page=1000`)) {
        const queries = await items(`/reports/${report.token}/queries`);
        const run = (await items(`/reports/${report.token}/runs?per_page=1000`)).find(
          (r) => r.state === "succeeded",
        );
        if (queries.length < 2 || !run) continue;
        const zip = new Uint8Array(
          await (
            await get(`/reports/${report.token}/runs/${run.token}/results/content.csv`)
          ).arrayBuffer(),
        );
        const read = `import io, sys, zipfile
z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))
assert z.testzip() is None
print(len(z.namelist()), all(z.read(n).decode().split("\\r\\n")[0] for n in z.namelist()))`;
        const child = execFile("python3", ["-c", read]);
        child.stdin?.end(zip);
        const output = await new Promise<string>((resolve, reject) => {
          let out = "";
          child.stdout?.on("data", (d) => {
            out += d;
          });
          child.on("error", reject);
          child.on("close", (code) =>
            code === 0 ? resolve(out.trim()) : reject(new Error(`python exited ${code}`)),
          );
        });
        expect(output).toBe(`${queries.length} True`);
        return;
      }
    }
    throw new Error("no report with several queries and a succeeded run");
  });
});

describe("faulty clients", () => {
  it("hammering through 429s: rate-limit/retry-after-ignored", async () => {
    const { report, rules, output } = await runClient(
      "hammer",
      { timeScale: 1 },
      { HAMMER_SECONDS: "2.5" },
    );
    expect(output).toMatch(/429/);
    expect(rules).toContain("error rate-limit/retry-after-ignored");
    expect(rules).toContain("warning rate-limit/exceeded");
    expect(report.verdict).toBe("fail");
  });

  it("retrying a write after a reset: writes/unsafe-retry", async () => {
    const { report, rules, output } = await runClient("write_retry", { faults: "write-reset=1" });
    expect(output).toMatch(/connection lost, retrying/);
    expect(rules).toEqual(["error writes/unsafe-retry"]);
    expect(report.findings[0]?.evidence.map((e) => e.status)).toEqual(["reset", 200]);
    expect(report.verdict).toBe("fail");
  });

  it("reading only the first page: paging/incomplete, a warning that fails under strict", async () => {
    const { engine, report, rules } = await runClient("first_page", { datasets: 90 });
    expect(rules).toEqual(["warning paging/incomplete"]);
    expect(report.verdict).toBe("pass");
    expect(engine.report({ strict: true })).toMatchObject({
      verdict: "fail",
      reasons: ["1 warning finding(s), which fail under strict"],
    });
  });

  it("polling a run every few milliseconds: polling/too-fast", async () => {
    const { rules, output } = await runClient("fast_poll", { timeScale: 10 });
    expect(output).toMatch(/after \d+ polls/);
    expect(rules).toContain("warning polling/too-fast");
    expect(rules.filter((r) => r.startsWith("error"))).toEqual([]);
  });

  it("sending order=ASC: request/invalid-parameter", async () => {
    const { report, rules, code } = await runClient("order_asc", {});
    expect(code).toBe(1);
    expect(rules).toEqual(["error request/invalid-parameter"]);
    expect(report.findings[0]?.message).toMatch(
      /request\.query\.order is "ASC"; expected one of `asc`, `desc`/,
    );
  });
});
