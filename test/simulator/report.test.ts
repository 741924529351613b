// The simulator's report in its three forms (the JSON object, JUnit XML, the HTML timeline):
// no credential or secret-named value a client sent appears in any of them, in any spelling;
// the JUnit file is well-formed XML with one case per conduct rule, failing as the verdict does.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { createModeSimulator } from "../../kit/simulator/index.js";

const token = "tok-7f3c2a9d41b8e0";
const secret = "s3cr3t/Value+with=signs";
const auth = { authorization: `Basic ${Buffer.from(`${token}:${secret}`).toString("base64")}` };

const spellings = (value: string): string[] => [
  value,
  encodeURIComponent(value),
  Buffer.from(value).toString("base64"),
  Buffer.from(`${token}:${secret}`).toString("base64"),
];

async function leakySession() {
  const sim = createModeSimulator({ faults: "write-reset=1" });
  const base = "https://app.mode.com/api/northwind";
  const get = async (path: string): Promise<Response> => {
    const response = await sim.fetch(`${base}${path}`, { headers: auth });
    await response.arrayBuffer();
    return response;
  };
  const spaces = await (await sim.fetch(`${base}/spaces`, { headers: auth })).json();
  const space = spaces._embedded.spaces[0].token;
  // Secrets where clients put them by mistake: secret-named parameters, the credentials
  // themselves in a parameter the spec checks and in the path.
  await get(`/spaces/${space}/datasets?api_secret=${encodeURIComponent(secret)}&token=${token}`);
  await get(`/spaces/${space}/datasets?filter=${encodeURIComponent(secret)}`);
  await get(`/spaces/${space}/datasets?order=${token}`);
  await get(`/datasets/${encodeURIComponent(secret)}/nothing`);
  await sim
    .fetch(`${base}/datasets/${encodeURIComponent(token)}`, {
      method: "PATCH",
      headers: { ...auth, "content-type": "application/json", "x-api-key": "key-0123456789abcdef" },
      body: JSON.stringify({ report: { name: secret } }),
    })
    .catch(() => {});
  return sim;
}

describe("redaction", () => {
  it("keeps every credential and secret-named value out of the JSON report, JUnit and the page", async () => {
    const sim = await leakySession();
    const report = sim.report();
    expect(report.findings.length).toBeGreaterThan(2);
    for (const [form, text] of [
      ["JSON", JSON.stringify(report)],
      ["JUnit", sim.junit()],
      ["HTML", sim.html()],
    ] as const) {
      for (const leak of [...spellings(token), ...spellings(secret), "key-0123456789abcdef"]) {
        expect(text.includes(leak), `${form} holds ${leak}`).toBe(false);
      }
      expect(text, form).toContain("[redacted]");
    }
    sim.close();
  });
});

describe("JUnit", () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" });
  const suites = (xml: string) => {
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = parser.parse(xml).testsuites;
    return ([] as Array<Record<string, unknown>>).concat(parsed.testsuite);
  };

  it("has one case per conduct rule, failing for an error and reporting a warning as output", async () => {
    const sim = createModeSimulator();
    for (let i = 0; i < 42; i++) {
      await (await sim.fetch("https://app.mode.com/api/verify", { headers: auth })).arrayBuffer();
    }
    const conduct = suites(sim.junit()).find((s) => s["name"] === "conduct") as Record<
      string,
      unknown
    >;
    const cases = ([] as Array<Record<string, unknown>>).concat(conduct["testcase"] as never);
    expect(cases.map((c) => String(c["name"]).split(":")[0])).toEqual([
      "rate-limit/retry-after-ignored",
      "writes/unsafe-retry",
      "paging/incomplete",
      "polling/too-fast",
      "rate-limit/exceeded",
    ]);
    expect(conduct["failures"]).toBe("0");
    expect(cases[4]?.["system-out"]).toMatch(/earned 2 429\(s\)/);
    sim.close();
  });

  it("fails the case of an error, and a warning's under strict", async () => {
    const strict = createModeSimulator({ strict: true });
    for (let i = 0; i < 41; i++) {
      await (
        await strict.fetch("https://app.mode.com/api/verify", { headers: auth })
      ).arrayBuffer();
    }
    await (
      await strict.fetch("https://app.mode.com/api/northwind/spaces?orderby=x", { headers: auth })
    ).arrayBuffer();
    const all = suites(strict.junit());
    const failures = Object.fromEntries(all.map((s) => [s["name"], s["failures"]]));
    expect(failures).toEqual({ "(run)": "0", conduct: "1", requests: "1" });
    expect(strict.report()).toMatchObject({ verdict: "fail", strict: true });
    strict.close();
  });
});
