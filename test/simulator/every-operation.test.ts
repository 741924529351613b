// Every operation of the spec, read from the bundled generated/openapi.json (so an operation added
// there is covered here with no change), sent to the simulator in every way it can answer:
// plainly, with every documented query parameter, and as each error it can produce (400, 401,
// 404, 429, 500). Each answer must be a status the operation documents, with a body and headers
// valid against the spec, checked on our side with Ajv. Tokens are found through the API itself,
// the way a client would, and the same seed gives the same tokens to every fresh simulator.
import { describe, expect, it } from "vitest";
import { type Json, operations, spec } from "../support/bundled-spec.js";
import { answerProblems } from "./support/spec-answers.js";
import { BASE, handDriven } from "./support/clients.js";

const ACCOUNT = "northwind";
const UNKNOWN_TOKEN = "000000000000";
const seed = 7;
const options = { seed, collections: 3, datasets: 24, timeScale: 100 };

type Operation = ReturnType<typeof operations>[number];

const resolveRef = (node: Json): Json =>
  typeof node?.$ref === "string"
    ? node.$ref
        .slice(2)
        .split("/")
        .reduce((at: Json, key: string) => at?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], spec)
    : node;

const parametersOf = (op: Operation): Json[] =>
  [...(spec.paths[op.path].parameters ?? []), ...(op.operation.parameters ?? [])].map(resolveRef);

const exampleOf = (parameter: Json): unknown =>
  parameter.example ?? Object.values(parameter.examples ?? {}).map((e) => resolveRef(e).value)[0];

const itemsOf = (body: Json): Json[] =>
  (Object.values(body?._embedded ?? {}).find(Array.isArray) as Json[] | undefined) ?? [];

/**
 * A token for each path parameter of `template`, found through the API as a client would: a
 * parameter's candidates are the items of the listing its template stops at
 * (`/{account}/reports/{report}/runs` for `{run}`), succeeded runs first; a Dataset is found
 * through the Collections, a report through a Collection's reports. Candidates are tried in turn
 * until every later parameter has one too (a Dataset with a described column, a run with results).
 */
async function discoverTokens(template: string): Promise<Record<string, string>> {
  const sim = handDriven(options);
  const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  const prefixOf = (name: string): string => template.slice(0, template.indexOf(`{${name}}`) - 1);
  const fill = (path: string, tokens: Record<string, string>): string =>
    path.replace(/\{(\w+)\}/g, (_, name: string) => tokens[name] ?? `{${name}}`);
  /** The items of the listing at `listing` (a template), all on one page where it pages. */
  const items = async (listing: string, tokens: Record<string, string> = {}): Promise<Json[]> => {
    const operation = spec.paths[listing]?.get;
    if (!operation) return [];
    const paged = parametersOf({ method: "get", path: listing, operation }).some(
      (p) => p.name === "per_page",
    );
    const { status, body } = await sim.json(
      `${fill(listing, tokens)}${paged ? "?per_page=1000" : ""}`,
    );
    return status === 200 ? itemsOf(body) : [];
  };
  const candidates = async (name: string, tokens: Record<string, string>): Promise<string[]> => {
    if (name === "account") return [ACCOUNT];
    const inEverySpace = async (listing: string): Promise<Json[]> => {
      const spaces = await items("/{account}/spaces", { account: ACCOUNT });
      const lists = await Promise.all(
        spaces.map((s) => items(listing, { account: ACCOUNT, space: s.token })),
      );
      return lists.flat();
    };
    const found =
      name === "dataset"
        ? await inEverySpace("/{account}/spaces/{space}/datasets")
        : name === "report"
          ? await inEverySpace("/{account}/spaces/{space}/reports")
          : await items(prefixOf(name), tokens);
    const succeededFirst = [
      ...found.filter((i) => i.state === "succeeded"),
      ...found.filter((i) => i.state !== "succeeded"),
    ];
    return succeededFirst.map((i) => i.token as string).slice(0, 12);
  };
  const resolve = async (
    i: number,
    tokens: Record<string, string>,
  ): Promise<Record<string, string> | undefined> => {
    const name = names[i];
    if (name === undefined) return tokens;
    for (const token of await candidates(name, tokens)) {
      const done = await resolve(i + 1, { ...tokens, [name]: token });
      if (done) return done;
    }
    return undefined;
  };
  const tokens = await resolve(0, {});
  if (!tokens)
    throw new Error(`no tokens found for ${template}: teach discoverTokens where to find them`);
  return tokens;
}

const fillPath = (template: string, tokens: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(tokens[name] ?? ""));

/** The request bodies to try, in order: the spec's own examples, or none. */
async function bodiesOf(op: Operation, tokens: Record<string, string>): Promise<unknown[]> {
  const media = op.operation.requestBody?.content?.["application/json"];
  if (!media) return [undefined];
  const examples = Object.values(media.examples ?? {}).map((e) => resolveRef(e).value);
  const made = madeBodies[op.operation.operationId];
  return made ? [...examples, await made(tokens)] : examples;
}

/**
 * Bodies the spec's examples cannot give here, because they name what only Mode's example
 * workspace has: a column to describe must be one of this Dataset's, not yet described.
 */
const madeBodies: Record<string, (tokens: Record<string, string>) => Promise<unknown>> = {
  async createFieldDescription(tokens) {
    const sim = handDriven(options);
    const at = `/${ACCOUNT}/datasets/${tokens["dataset"]}`;
    const columns = itemsOf((await sim.json(`${at}/fields`)).body).map((f) => f.name);
    const described = itemsOf((await sim.json(`${at}/field_descriptions`)).body).map((d) => d.name);
    return { name: columns.find((c) => !described.includes(c)), desc: "What this column holds." };
  },
};

interface Sent {
  label: string;
  status: number;
  problems: string[];
}

async function send(
  op: Operation,
  path: string,
  init: {
    body?: unknown;
    headers?: Record<string, string>;
    faults?: string;
    exhaust?: boolean;
  } = {},
): Promise<{ status: number; problems: string[] }> {
  const sim = handDriven({ ...options, ...(init.faults ? { faults: init.faults } : {}) });
  if (init.exhaust) {
    for (let i = 0; i < 40; i++) await (await sim.send("GET", "/verify")).arrayBuffer();
  }
  const response = await sim.send(op.method.toUpperCase(), path, {
    ...(init.body !== undefined ? { body: init.body } : {}),
    ...(init.headers ? { headers: init.headers } : {}),
  });
  const body = await response.text();
  const problems = answerProblems({
    method: op.method.toUpperCase(),
    url: `${BASE}${path}`,
    status: response.status,
    headers: response.headers,
    body,
  });
  return { status: response.status, problems };
}

describe.each(
  operations().map(
    (op) => [`${op.operation.operationId} (${op.method.toUpperCase()} ${op.path})`, op] as const,
  ),
)("%s", (_, op) => {
  it("answers every way it can with a documented status, body and headers", async () => {
    const tokens = await discoverTokens(op.path);
    const path = fillPath(op.path, tokens);
    const query = parametersOf(op).filter((p) => p.in === "query");
    const sent: Sent[] = [];
    const record = (label: string, answer: { status: number; problems: string[] }): void => {
      sent.push({ label, ...answer });
    };

    // Plainly, trying the spec's example bodies until one is accepted.
    let goodBody: unknown;
    for (const body of await bodiesOf(op, tokens)) {
      const answer = await send(op, path, { body });
      record(`plain${body === undefined ? "" : ` ${JSON.stringify(body)}`}`, answer);
      if (answer.status < 300) {
        goodBody = body;
        break;
      }
    }
    expect(
      sent.some((s) => s.status < 300),
      `no 2xx: ${JSON.stringify(sent)}`,
    ).toBe(true);

    if (query.length > 0) {
      const all = new URLSearchParams(query.map((p) => [p.name, String(exampleOf(p))]));
      record("every query parameter", await send(op, `${path}?${all}`, { body: goodBody }));
      const bad = new URLSearchParams([[query[0].name, "%%not-a-value%%"]]);
      record("400 for a bad query value", await send(op, `${path}?${bad}`, { body: goodBody }));
    }
    if (op.operation.requestBody) {
      record("400 for a bad body", await send(op, path, { body: { not_a_field: true } }));
    }
    if ("account" in tokens) {
      record(
        "400 for a bad path parameter",
        await send(op, fillPath(op.path, { ...tokens, account: "a?b" }), { body: goodBody }),
      );
      const last = Object.keys(tokens).pop() as string;
      const unknown = last === "account" ? "nowhere" : UNKNOWN_TOKEN;
      record(
        "404 for an unknown token",
        await send(op, fillPath(op.path, { ...tokens, [last]: unknown }), { body: goodBody }),
      );
    }
    record(
      "401 without credentials",
      await send(op, path, { body: goodBody, headers: { authorization: "" } }),
    );
    record("429 past the rate limit", await send(op, path, { body: goodBody, exhaust: true }));
    const write = ["post", "patch", "put", "delete"].includes(op.method);
    record(
      "500 from a fault",
      await send(op, path, { body: goodBody, faults: write ? "write-error=1" : "server-error=1" }),
    );

    const expected: Record<string, number> = {
      "400 for a bad query value": 400,
      "400 for a bad body": 400,
      "400 for a bad path parameter": 400,
      "404 for an unknown token": 404,
      "401 without credentials": 401,
      "429 past the rate limit": 429,
      "500 from a fault": 500,
    };
    for (const s of sent) {
      if (expected[s.label] !== undefined) expect(s.status, s.label).toBe(expected[s.label]);
    }
    expect(sent.flatMap((s) => s.problems.map((p) => `${s.label}: ${p}`))).toEqual([]);
  });
});

it("serves every operation of the spec", () => {
  // A new operation without a handler answers 501 above; this names the count for the log.
  expect(operations().length).toBeGreaterThanOrEqual(17);
});

describe("runs in every state", () => {
  it.each([
    ["a Dataset run", "dataset"],
    ["a report run", "report"],
  ] as const)(
    "answers valid bodies for %s while it is enqueued and once it has finished",
    async (_, kind) => {
      const tokens = await discoverTokens(
        kind === "dataset" ? "/{account}/datasets/{dataset}" : "/{account}/reports/{report}",
      );
      const sim = handDriven({ ...options, timeScale: 1 });
      const owner =
        kind === "dataset"
          ? `/northwind/datasets/${tokens["dataset"]}`
          : `/northwind/reports/${tokens["report"]}`;
      const started = await sim.send(
        "POST",
        `${owner}/runs`,
        kind === "report" ? { body: {} } : {},
      );
      const run = (await started.json()) as { token: string; state: string };
      const reads = [
        `${owner}/runs/${run.token}`,
        `${owner}/runs`,
        ...(kind === "dataset" ? [owner] : []),
      ];
      const problems: string[] = [];
      const states = new Set<string>([run.state]);
      // One second of Mode's time at a time, for up to two simulated minutes: every state is seen.
      for (
        let second = 0;
        second < 120 && !states.has("succeeded") && !states.has("failed");
        second++
      ) {
        for (const path of reads) {
          const response = await sim.send("GET", path);
          const body = await response.text();
          problems.push(
            ...answerProblems({
              method: "GET",
              url: `${BASE}${path}`,
              status: response.status,
              headers: response.headers,
              body,
            }),
          );
          if (path === reads[0]) states.add(JSON.parse(body).state);
        }
        sim.advance(1_000);
      }
      expect(problems).toEqual([]);
      expect(states.has("enqueued")).toBe(true);
      expect(states.has("succeeded") || states.has("failed")).toBe(true);
    },
  );
});
