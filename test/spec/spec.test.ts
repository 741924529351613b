import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  describeErrors,
  escapePointer,
  operations,
  spec,
  validatorAt,
  type Json,
} from "../support/bundled-spec.js";

// operationId: [method, path, success status, where it comes from, success media type(s)].
const HAL = ["application/hal+json"];
const EXPECTED_OPERATIONS = {
  getDataset: ["get", "/{account}/datasets/{dataset}", "200", "seed", HAL],
  listDatasetsForSpace: ["get", "/{account}/spaces/{space}/datasets", "200", "seed", HAL],
  listDatasetsForDataSource: [
    "get",
    "/{account}/data_sources/{data_source}/datasets",
    "200",
    "seed",
    HAL,
  ],
  updateDataset: ["patch", "/{account}/datasets/{dataset}", "200", "seed", HAL],
  deleteDataset: ["delete", "/{account}/datasets/{dataset}", "200", "seed", []],
  listReportsForDataset: ["get", "/{account}/datasets/{dataset}/reports", "200", "seed", HAL],
  listReportRuns: ["get", "/{account}/reports/{report}/runs", "200", "seed", HAL],
  refreshDatasetsInReport: ["post", "/{account}/reports/{report}/runs", "202", "seed", HAL],
  getReportRun: ["get", "/{account}/reports/{report}/runs/{run}", "200", "reference", HAL],
  runDataset: ["post", "/{account}/datasets/{dataset}/runs", "202", "reference", HAL],
  listDatasetRuns: ["get", "/{account}/datasets/{dataset}/runs", "200", "reference", HAL],
  getDatasetRun: ["get", "/{account}/datasets/{dataset}/runs/{run}", "200", "reference", HAL],
  listSpaces: ["get", "/{account}/spaces", "200", "reference", HAL],
  getSpace: ["get", "/{account}/spaces/{space}", "200", "reference", HAL],
  listDataSources: ["get", "/{account}/data_sources", "200", "reference", HAL],
  getDataSource: ["get", "/{account}/data_sources/{data_source}", "200", "reference", HAL],
  verifyCredentials: ["get", "/verify", "200", "reference", HAL],
  getReport: ["get", "/{account}/reports/{report}", "200", "reference", HAL],
  updateReport: ["patch", "/{account}/reports/{report}", "200", "reference", HAL],
  deleteReport: ["delete", "/{account}/reports/{report}", "200", "reference", []],
  listReportsForSpace: ["get", "/{account}/spaces/{space}/reports", "200", "reference", HAL],
  listReportsForDataSource: [
    "get",
    "/{account}/data_sources/{data_source}/reports",
    "200",
    "reference",
    HAL,
  ],
  listQueriesForReport: ["get", "/{account}/reports/{report}/queries", "200", "reference", HAL],
  getQuery: ["get", "/{account}/reports/{report}/queries/{query}", "200", "reference", HAL],
  listQueryRuns: [
    "get",
    "/{account}/reports/{report}/runs/{run}/query_runs",
    "200",
    "reference",
    HAL,
  ],
  getQueryRun: [
    "get",
    "/{account}/reports/{report}/runs/{run}/query_runs/{query_run}",
    "200",
    "reference",
    HAL,
  ],
  getReportRunResultsCsv: [
    "get",
    "/{account}/reports/{report}/runs/{run}/results/content.csv",
    "200",
    "reference",
    ["text/csv", "application/zip"],
  ],
  getReportRunResultsJson: [
    "get",
    "/{account}/reports/{report}/runs/{run}/results/content.json",
    "200",
    "reference",
    ["application/json"],
  ],
  getQueryRunResultsCsv: [
    "get",
    "/{account}/reports/{report}/runs/{run}/query_runs/{query_run}/results/content.csv",
    "200",
    "reference",
    ["text/csv"],
  ],
  getQueryRunResultsJson: [
    "get",
    "/{account}/reports/{report}/runs/{run}/query_runs/{query_run}/results/content.json",
    "200",
    "reference",
    ["application/json"],
  ],
  listDatasetFields: ["get", "/{account}/datasets/{dataset}/fields", "200", "reference", HAL],
  listFieldDescriptions: [
    "get",
    "/{account}/datasets/{dataset}/field_descriptions",
    "200",
    "reference",
    HAL,
  ],
  createFieldDescription: [
    "post",
    "/{account}/datasets/{dataset}/field_descriptions",
    "200",
    "reference",
    HAL,
  ],
  updateFieldDescription: [
    "patch",
    "/{account}/datasets/{dataset}/field_descriptions/{field_description}",
    "200",
    "reference",
    HAL,
  ],
  deleteFieldDescription: [
    "delete",
    "/{account}/datasets/{dataset}/field_descriptions/{field_description}",
    "200",
    "reference",
    HAL,
  ],
  listDatasetSchedules: ["get", "/{account}/datasets/{dataset}/schedules", "200", "reference", HAL],
  listCollections: ["get", "/{account}/collections", "200", "observed", HAL],
  getCollection: ["get", "/{account}/collections/{space}", "200", "observed", HAL],
  listReportsForCollection: [
    "get",
    "/{account}/collections/{space}/reports",
    "200",
    "observed",
    HAL,
  ],
} as const;

const FILTERED_LISTINGS = [
  "listDatasetsForSpace",
  "listDatasetsForDataSource",
  "listReportRuns",
  "listDatasetRuns",
  "listReportsForSpace",
  "listReportsForDataSource",
  "listReportsForCollection",
];

/** The operations that answer with the rows themselves rather than a HAL document. */
const RESULT_CONTENT = [
  "getReportRunResultsCsv",
  "getReportRunResultsJson",
  "getQueryRunResultsCsv",
  "getQueryRunResultsJson",
];

const operationById = (id: string): Json =>
  operations().find((o) => o.operation.operationId === id)!.operation;

/** A response, resolved when it is a shared one under components/responses. */
const resolveResponse = (response: Json): Json =>
  response.$ref ? spec.components.responses[response.$ref.split("/").pop()] : response;

describe("the bundled spec", () => {
  it("describes exactly the expected operations, each at its method and path", () => {
    const found = Object.fromEntries(
      operations().map((o) => [o.operation.operationId, [o.method, o.path]]),
    );
    const expected = Object.fromEntries(
      Object.entries(EXPECTED_OPERATIONS).map(([id, [m, p]]) => [id, [m, p]]),
    );
    expect(found).toEqual(expected);
  });

  it.each(Object.entries(EXPECTED_OPERATIONS))(
    "%s documents its success, 401, 403, 404 and 429, and where it comes from",
    (id, [, path, success, source]) => {
      const operation = operationById(id);
      expect(operation.summary).toBeTruthy();
      expect(operation.description).toBeTruthy();
      expect(operation["x-source"]).toBe(source);
      // Only /verify names no account or token that could be missing or out of reach.
      const perAccount = path === "/verify" ? [] : ["403", "404"];
      expect(Object.keys(operation.responses)).toEqual(
        expect.arrayContaining([success, "401", ...perAccount, "429"]),
      );
    },
  );

  it.each(Object.entries(EXPECTED_OPERATIONS))(
    "%s answers success with exactly its documented media types",
    (id, [, , success, , mediaTypes]) => {
      const response = resolveResponse(operationById(id).responses[success]);
      expect(Object.keys(response.content ?? {})).toEqual([...mediaTypes]);
    },
  );

  it("gives filter, order and order_by to the four listings the sources give them, and to no other", () => {
    for (const { operation } of operations()) {
      const names = (operation.parameters ?? []).map((p: Json) => p.$ref?.split("/").pop());
      const expected = FILTERED_LISTINGS.includes(operation.operationId);
      for (const name of ["Filter", "Order", "OrderBy"])
        expect(names.includes(name), `${operation.operationId} ${name}`).toBe(expected);
    }
  });

  it("gives the Dataset all 42 documented properties and all 31 link relations", () => {
    const listItem = spec.components.schemas.DatasetListItem;
    const documented = Object.keys(listItem.properties).filter(
      (name) => !listItem.properties[name].description?.startsWith("Observed"),
    );
    expect(documented).toHaveLength(42);
    expect(Object.keys(spec.components.schemas.DatasetLinks.properties)).toHaveLength(31);
  });

  it("requires on a Dataset the 29 fields the reference marks required", () => {
    expect(spec.components.schemas.Dataset.required).toHaveLength(29);
    expect(spec.components.schemas.Dataset.required).toEqual(
      expect.arrayContaining([
        "drill_anywhere_enabled",
        "last_successful_sync_at",
        "view_count",
        "_links",
      ]),
    );
  });
});

describe("every example", () => {
  const mediaExamples = operations().flatMap(({ method, path, operation }) => {
    const base = `#/paths/${escapePointer(path)}/${method}`;
    const bodies: Array<[string, Json]> = [];
    for (const [type, media] of Object.entries<Json>(operation.requestBody?.content ?? {}))
      bodies.push([`${base}/requestBody/content/${escapePointer(type)}`, media]);
    for (const [status, response] of Object.entries<Json>(operation.responses)) {
      const resolved = response.$ref
        ? spec.components.responses[response.$ref.split("/").pop()]
        : response;
      for (const [type, media] of Object.entries<Json>(resolved.content ?? {})) {
        const pointer = response.$ref
          ? `${response.$ref}/content/${escapePointer(type)}`
          : `${base}/responses/${status}/content/${escapePointer(type)}`;
        bodies.push([pointer, media]);
      }
    }
    return bodies.flatMap(([pointer, media]) =>
      Object.entries<Json>(media.examples ?? {}).map(([name, example]) => {
        const value = example.$ref
          ? spec.components.examples[example.$ref.split("/").pop()].value
          : example.value;
        return {
          where: `${operation.operationId} ${pointer.split("/").slice(-3).join("/")} ${name}`,
          pointer: `${pointer}/schema`,
          value,
        };
      }),
    );
  });

  it("exists for every request and response body", () => {
    expect(mediaExamples.length).toBeGreaterThanOrEqual(8 + 2 + 1);
  });

  it.each(mediaExamples.map((e) => [e.where, e] as const))(
    "validates against its schema: %s",
    (_where, { pointer, value }) => {
      const validate = validatorAt(pointer);
      expect(validate(value), describeErrors(validate.errors)).toBe(true);
    },
  );

  it("uses real timestamps, never the reference's placeholder", () => {
    const text = JSON.stringify(spec.components.examples);
    expect(text).not.toMatch(/YYYY|lorem|ipsum|flamingo/i);
  });
});

describe("every component schema", () => {
  const schemas = Object.entries<Json>(spec.components.schemas);

  it("carries its own description, where the docs read it", () => {
    const missing = schemas.filter(([, schema]) => !schema.description).map(([name]) => name);
    expect(missing).toEqual([]);
  });

  // Redoc drops the description of a schema that is nothing but an allOf (the Dataset page once
  // showed none); a schema with properties of its own keeps it.
  it("that combines others with allOf has properties of its own", () => {
    const bare = schemas
      .filter(([, schema]) => schema.allOf && !schema.properties)
      .map(([name]) => name);
    expect(bare).toEqual([]);
  });

  // The mock (Prism) answers a response with its body schema's own example ahead of the named
  // examples, so every operation sharing that schema would get the same body (a 401 carrying the
  // 404's message, a just-started run already finished). Those schemas carry examples on their
  // properties instead, and their docs sample is assembled from those; every other schema has
  // an example of its own.
  const bodySchemas = new Set(
    operations().flatMap(({ operation }) =>
      Object.values<Json>(operation.responses).flatMap((response) => {
        const resolved = response.$ref
          ? spec.components.responses[response.$ref.split("/").pop()]
          : response;
        return Object.values<Json>(resolved.content ?? {})
          .map((media) => media.schema?.$ref?.split("/").pop())
          .filter(Boolean);
      }),
    ),
  );

  it("used as a response body has no example of its own, which the mock would answer with", () => {
    const withExamples = [...bodySchemas].filter(
      (name) =>
        spec.components.schemas[name].examples !== undefined ||
        spec.components.schemas[name].example !== undefined,
    );
    expect(withExamples).toEqual([]);
  });

  it("used anywhere else has an example of its own", () => {
    const missing = schemas
      .filter(([name, schema]) => !bodySchemas.has(name) && !schema.examples?.length)
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });

  const ownExamples = schemas.flatMap(([name, schema]) =>
    (schema.examples ?? []).map(
      (value: Json, index: number) => [`${name} #${index + 1}`, name, value] as const,
    ),
  );

  it.each(ownExamples)("example %s validates against its schema", (_label, name, value) => {
    const validate = validatorAt(`#/components/schemas/${name}`);
    expect(validate(value), describeErrors(validate.errors)).toBe(true);
  });

  // The sample a docs page shows, assembled as Redoc does: a schema's own example, else its
  // const or first enum value, else one built from its parts. Leaves with nothing realistic to
  // show (Redoc would print "string") are collected in `placeholders`.
  function sampleOf(node: Json, where: string, placeholders: string[]): Json {
    const target = node.$ref ? { ...spec.components.schemas[node.$ref.split("/").pop()] } : node;
    if (target.examples?.length) return target.examples[0];
    if (target.const !== undefined) return target.const;
    if (target.enum?.length) return target.enum[0];
    const types = [target.type].flat();
    if (target.allOf || target.properties) {
      const merged: Json = {};
      for (const part of target.allOf ?? [])
        Object.assign(merged, sampleOf(part, where, placeholders));
      for (const [name, property] of Object.entries<Json>(target.properties ?? {}))
        merged[name] = sampleOf(property, `${where}.${name}`, placeholders);
      return merged;
    }
    if (types.includes("array")) return [sampleOf(target.items ?? {}, `${where}[]`, placeholders)];
    if (types.includes("boolean")) return true;
    placeholders.push(where);
    return null;
  }

  it.each([...bodySchemas])(
    "%s shows a sample built from realistic values only, valid against it",
    (name) => {
      const placeholders: string[] = [];
      const sample = sampleOf(spec.components.schemas[name], name, placeholders);
      expect(placeholders).toEqual([]);
      const validate = validatorAt(`#/components/schemas/${name}`);
      expect(validate(sample), describeErrors(validate.errors)).toBe(true);
    },
  );
});

// Every example describes one small workspace, `northwind`: the same Dataset, report, run or
// Collection looks the same wherever it appears, and nothing ran after the moment it is shown.
describe("the examples' workspace", () => {
  const values: Json[] = [
    ...Object.values<Json>(spec.components.examples).map((example) => example.value),
    ...Object.values<Json>(spec.components.schemas).flatMap((schema) => schema.examples ?? []),
  ];
  const objects: Json[] = [];
  const hrefs: string[] = [];
  const walk = (node: Json): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      if (typeof node.href === "string") hrefs.push(node.href);
      if (typeof node.token === "string" && node._links?.self?.href) objects.push(node);
      Object.values(node).forEach(walk);
    }
  };
  values.forEach(walk);
  const isRun = (o: Json) => typeof o.state === "string";
  const scalar = (value: Json) => value === null || typeof value !== "object";

  it("gives every copy of a thing the same values", () => {
    const bySelf = new Map<string, Json>();
    const disagreements: string[] = [];
    for (const object of objects) {
      const self = object._links.self.href;
      const first = bySelf.get(self);
      if (!first) {
        bySelf.set(self, object);
        continue;
      }
      // A run changes as it goes; only what it started with stays.
      const keys = isRun(object)
        ? ["token", "created_at", "parameters"]
        : Object.keys(object).filter((k) => scalar(object[k]));
      for (const key of keys)
        if (
          key in first &&
          key in object &&
          JSON.stringify(first[key]) !== JSON.stringify(object[key])
        )
          disagreements.push(
            `${self} ${key}: ${JSON.stringify(first[key])} vs ${JSON.stringify(object[key])}`,
          );
    }
    expect(disagreements).toEqual([]);
  });

  it("shows no report or Dataset last run older than a run listed for it", () => {
    const late: string[] = [];
    for (const owner of objects.filter((o) => typeof o.last_run_at === "string"))
      for (const run of objects.filter(
        (o) => isRun(o) && o._links.report?.href === owner._links.self.href,
      ))
        if (run.created_at > owner.last_run_at)
          late.push(
            `${owner.token} last ran ${owner.last_run_at}, before run ${run.token} (${run.created_at})`,
          );
    expect(late).toEqual([]);
  });

  it("links only into the northwind workspace, its members and Mode's help", () => {
    const elsewhere = hrefs.filter(
      (href) =>
        !/^(\/api\/(northwind|priya\.raman)(\/|$)|\/northwind\/|https:\/\/app\.mode\.com\/(editor\/)?northwind\/|https:\/\/mode\.com\/help$)/.test(
          href,
        ),
    );
    expect(elsewhere).toEqual([]);
  });

  it("uses, in every path parameter's example, a token the workspace has", () => {
    const tokens = new Set(objects.map((o) => o.token));
    const strangers = Object.values<Json>(spec.components.parameters)
      .filter((p) => p.in === "path" && p.name !== "account")
      .filter((p) => !tokens.has(p.example))
      .map((p) => `${p.name}=${p.example}`);
    expect(strangers).toEqual([]);
  });
});

describe("the description's version", () => {
  const packageJson = JSON.parse(
    readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
  ) as { name: string; version: string };

  it("is the package's version: the description is released with the package", () => {
    expect(spec.info.version).toBe(packageJson.version);
  });

  it("names the tarball that npm pack writes for this version in its install line", () => {
    expect(spec.info.description).toContain(
      `npm install ./${packageJson.name}-${packageJson.version}.tgz`,
    );
  });
});

describe("the filter parameter", () => {
  const pattern = new RegExp(spec.components.parameters.Filter.schema.pattern);

  it.each([
    "created_at.gt.2019-10-23T06:23:01Z",
    "updated_at.lt.2019-10-23T06:23:01Z",
    "created_at.gt.2019-12-19T10:21:12Z",
    "updated_at.gt.2024-09-02T07:38:43.722Z",
  ])("accepts %s", (value) => expect(value).toMatch(pattern));

  it.each([
    "name.gt.2019-10-23T06:23:01Z",
    "created_at.eq.2019-10-23T06:23:01Z",
    "created_at.gt.yesterday",
    "created_at.gt.2019-10-23",
    "created_at.gt.2019-13-23T06:23:01Z",
    "created_at.gt.2019-10-23T06:23:01+02:00",
    "created_at.gt.2019-10-23T06:23:01Z&order=asc",
    " created_at.gt.2019-10-23T06:23:01Z",
    "CREATED_AT.GT.2019-10-23T06:23:01Z",
  ])("rejects %s", (value) => expect(value).not.toMatch(pattern));
});

describe("request bodies", () => {
  const update = validatorAt("#/components/schemas/UpdateDatasetRequest");
  const refresh = validatorAt("#/components/schemas/RefreshDatasetsRequest");

  it.each([
    [{ report: { name: "Orders" } }],
    [{ report: { description: "" } }],
    [{ report: { name: "Orders", description: "All orders", space_token: "c07d5e2a8b31" } }],
  ])("accepts the update %j", (body) =>
    expect(update(body), describeErrors(update.errors)).toBe(true),
  );

  it.each([
    [{ name: "Orders" }],
    [{ report: {} }],
    [{ report: { name: 42 } }],
    [{ report: { title: "Orders" } }],
    [{ report: { name: "Orders" }, extra: true }],
    [{ report: { space_token: "a/b" } }],
  ])("rejects the update %j", (body) => expect(update(body)).toBe(false));

  it("accepts a refresh with token objects", () => {
    expect(
      refresh({ report: { dataset_tokens: [{ token: "5a4177a2902c" }] } }),
      describeErrors(refresh.errors),
    ).toBe(true);
  });

  it.each([
    [{ report: { dataset_tokens: ["5a4177a2902c"] } }],
    [{ report: { dataset_tokens: [] } }],
    [{ report: { dataset_tokens: [{}] } }],
    [{ report: { dataset_tokens: [{ token: "5a4177a2902c", name: "x" }] } }],
    [{ dataset_tokens: [{ token: "5a4177a2902c" }] }],
  ])("rejects the refresh %j", (body) => expect(refresh(body)).toBe(false));

  // The runs POST takes either shape; the operation's own body schema decides.
  const runBody = validatorAt(
    `#/paths/${escapePointer("/{account}/reports/{report}/runs")}/post/requestBody/content/application~1json/schema`,
  );

  it.each([
    [{ report: { dataset_tokens: [{ token: "5a4177a2902c" }] } }],
    [{ parameters: { region: "EMEA", min_orders: 25 } }],
    [{ parameters: { regions: ["EMEA", "APAC"], include_returns: false } }],
    [{ parameters: {} }],
    [{}],
  ])("accepts the run body %j", (body) =>
    expect(runBody(body), describeErrors(runBody.errors)).toBe(true),
  );

  it.each([
    [
      {
        report: { dataset_tokens: [{ token: "5a4177a2902c" }] },
        parameters: { region: "EMEA" },
      },
    ],
    [{ report: { dataset_tokens: [{ token: "5a4177a2902c" }], parameters: { region: "EMEA" } } }],
    [{ params: { region: "EMEA" } }],
    [{ parameters: "region=EMEA" }],
    [{ parameters: { region: { name: "EMEA" } } }],
    [{ report: {} }],
  ])("rejects the run body %j", (body) => expect(runBody(body)).toBe(false));

  it("does not require a body on the runs POST: no body runs the report with its defaults", () => {
    const post = spec.paths["/{account}/reports/{report}/runs"].post;
    expect(post.requestBody.required).toBe(false);
    expect(Object.keys(post.requestBody.content["application/json"].examples)).toEqual([
      "twoDatasets",
      "runWithParameters",
      "runWithDefaults",
    ]);
  });
});

describe("response schemas", () => {
  const dataset = validatorAt("#/components/schemas/Dataset");
  const example = spec.components.examples.Dataset.value;

  it("accept the documented string form and the live integer form of counts", () => {
    expect(
      dataset({ ...example, query_count: "1", view_count: 7 }),
      describeErrors(dataset.errors),
    ).toBe(true);
  });

  it("accept null timestamps where the live API sends them, and fields Mode adds", () => {
    expect(
      dataset({
        ...example,
        published_at: null,
        edited_at: null,
        last_successful_sync_at: null,
        flamingo_signature: "x",
      }),
      describeErrors(dataset.errors),
    ).toBe(true);
  });

  it("still require the documented fields of a full Dataset", () => {
    const { archived: _archived, ...withoutArchived } = example;
    expect(dataset(withoutArchived)).toBe(false);
  });

  it("let list items leave out what the live listings leave out", () => {
    const item = validatorAt("#/components/schemas/DatasetListItem");
    const {
      archived: _a,
      expected_runtime: _e,
      chart_count: _c,
      theme_id: _t,
      layout: _l,
      ...listed
    } = example;
    expect(item(listed), describeErrors(item.errors)).toBe(true);
  });
});

describe("descriptions", () => {
  const schemaOf = (node: Json): Json =>
    node.$ref ? spec.components.schemas[node.$ref.split("/").pop()] : node;

  // Walks every property of every component schema (through allOf, items and nested objects) and
  // names the ones a reader of the docs would find unexplained.
  function undescribed(node: Json, where: string, seen = new Set<Json>()): string[] {
    if (!node || typeof node !== "object" || seen.has(node)) return [];
    seen.add(node);
    const missing: string[] = [];
    for (const [name, property] of Object.entries<Json>(node.properties ?? {})) {
      if (!property.description && !schemaOf(property).description)
        missing.push(`${where}.${name}`);
      missing.push(...undescribed(schemaOf(property), `${where}.${name}`, seen));
    }
    for (const part of node.allOf ?? []) missing.push(...undescribed(schemaOf(part), where, seen));
    if (node.items) missing.push(...undescribed(schemaOf(node.items), `${where}[]`, seen));
    return missing;
  }

  it("explain every property of every schema", () => {
    const missing = Object.entries<Json>(spec.components.schemas).flatMap(([name, schema]) =>
      undescribed(schema, name),
    );
    expect(missing).toEqual([]);
  });

  it("explain every parameter", () => {
    const missing = Object.entries<Json>(spec.components.parameters)
      .filter(([, p]) => !p.description)
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });
});

describe("result content", () => {
  it("is declared on exactly the four content paths, which Mode answers whatever Accept says", () => {
    const marked = operations()
      .filter(({ operation }) => operation["x-accept-ignored"] === true)
      .map(({ operation }) => operation.operationId);
    expect(marked.sort()).toEqual([...RESULT_CONTENT].sort());
    for (const { path, operation } of operations())
      expect(RESULT_CONTENT.includes(operation.operationId), path).toBe(
        /\/results\/content\.(csv|json)$/.test(path),
      );
  });

  it.each(RESULT_CONTENT)(
    "%s answers a purged run with 404 run results not found, in Mode's error body",
    (id) => {
      const notFound = resolveResponse(operationById(id).responses["404"]);
      const examples = notFound.content["application/json"].examples;
      expect(Object.values<Json>(examples).map((e) => e.value.message)).toContain(
        "run results not found",
      );
      const validate = validatorAt("#/components/schemas/ModeError");
      for (const example of Object.values<Json>(examples))
        expect(validate(example.value), describeErrors(validate.errors)).toBe(true);
    },
  );

  it("gives the CSV answers CSV examples with a header line and rows of the same width", () => {
    for (const id of ["getReportRunResultsCsv", "getQueryRunResultsCsv"]) {
      const csv = resolveResponse(operationById(id).responses["200"]).content["text/csv"];
      for (const example of Object.values<Json>(csv.examples)) {
        const value = spec.components.examples[example.$ref.split("/").pop()].value as string;
        const lines = value.trimEnd().split("\n");
        const width = lines[0]!.split(",").length;
        expect(lines.length).toBeGreaterThan(1);
        for (const line of lines) expect(line.split(","), line).toHaveLength(width);
      }
    }
  });

  const rows = validatorAt("#/components/schemas/ResultRows");

  it.each([
    [[]],
    [[{ region: "EMEA", orders: 1284, revenue_usd: 162918.4, shipped: true, note: null }]],
  ])("accepts the JSON rows %j", (body) =>
    expect(rows(body), describeErrors(rows.errors)).toBe(true),
  );

  it.each([[{ rows: [] }], [["EMEA", 1284]], [[["EMEA", 1284]]]])(
    "refuses the JSON rows %j: an array of objects keyed by column",
    (body) => expect(rows(body)).toBe(false),
  );
});

describe("query runs", () => {
  const queryRun = spec.components.schemas.QueryRun;

  it("carry the fields a failed run's reason lives in, and the link to their rows", () => {
    for (const name of [
      "state",
      "error_code",
      "error_type",
      "error_message",
      "limit",
      "max_result_bytes",
      "raw_source",
      "rendered_source",
      "query_token",
      "data_source_token",
    ])
      expect(queryRun.properties, name).toHaveProperty(name);
    expect(spec.components.schemas.QueryRunLinks.properties).toHaveProperty("result");
  });

  it("accept the documented string forms and the live boolean and integer ones", () => {
    const validate = validatorAt("#/components/schemas/QueryRun");
    const example = spec.components.examples.QueryRun.value;
    for (const variant of [
      { limit: true, max_result_bytes: 10737418240, id: 3535709679 },
      { limit: "false", max_result_bytes: "10737418240", id: "3535709679" },
      { parameters: { region: "EMEA" } },
      { error_message: null, error_code: null },
    ])
      expect(validate({ ...example, ...variant }), describeErrors(validate.errors)).toBe(true);
  });

  it("show a failed query run with the reason", () => {
    const failed = spec.components.examples.FailedQueryRun.value;
    expect(failed.state).toBe("failed");
    expect(failed.error_message).toEqual(expect.any(String));
  });
});

describe("request bodies of the report and field-description writes", () => {
  const updateReport = validatorAt("#/components/schemas/UpdateReportRequest");
  const create = validatorAt("#/components/schemas/CreateFieldDescriptionRequest");
  const update = validatorAt("#/components/schemas/UpdateFieldDescriptionRequest");

  it.each([
    [{ report: { name: "Weekly regional sales (EMEA)" } }],
    [{ report: { space_token: "c07d5e2a8b31" } }],
    [{ report: { description: "" } }],
  ])("accept the report update %j", (body) =>
    expect(updateReport(body), describeErrors(updateReport.errors)).toBe(true),
  );

  it.each([
    [{ report: {} }],
    [{ name: "Weekly regional sales" }],
    [{ report: { title: "Weekly" } }],
    [{ report: { name: "" } }],
    [{ report: { space_token: "a b" } }],
  ])("refuse the report update %j", (body) => expect(updateReport(body)).toBe(false));

  it.each([
    [{ name: "region", desc: "Shipping region" }],
    [{ field_description: { name: "region", desc: "Shipping region" } }],
  ])("accept the new field description %j", (body) =>
    expect(create(body), describeErrors(create.errors)).toBe(true),
  );

  it.each([
    [{ name: "region" }],
    [{ desc: "Shipping region" }],
    [{ name: "region", description: "Shipping region" }],
    [{ name: "region", desc: "Shipping region", column: "region" }],
    [{ name: "region", desc: "x".repeat(351) }],
    [{ field_description: { name: "region", desc: "Shipping region" }, name: "region" }],
    [{ field_description: { name: "region" } }],
  ])("refuse the new field description %j", (body) => expect(create(body)).toBe(false));

  it.each([[{ desc: "Shipping region" }], [{ field_description: { desc: "Shipping region" } }]])(
    "accept the field description change %j",
    (body) => expect(update(body), describeErrors(update.errors)).toBe(true),
  );

  it.each([
    [{}],
    [{ name: "region", desc: "Shipping region" }],
    [{ field_description: { desc: "" } }],
    [{ description: "Shipping region" }],
    [{ desc: "Shipping region", name: "region" }],
    [{ field_description: { desc: "Shipping region", name: "region" } }],
  ])("refuse the field description change %j", (body) => expect(update(body)).toBe(false));
});

describe("the /collections paths", () => {
  // Mode answers /collections as it answers /spaces; each newer path mirrors its older twin.
  const twins = [
    ["listCollections", "listSpaces"],
    ["getCollection", "getSpace"],
    ["listReportsForCollection", "listReportsForSpace"],
  ] as const;

  it.each(twins)("%s takes the parameters and gives the answers of %s", (newer, older) => {
    const a = operationById(newer);
    const b = operationById(older);
    expect(a.parameters ?? []).toEqual(b.parameters ?? []);
    expect(Object.keys(a.responses)).toEqual(Object.keys(b.responses));
    for (const status of Object.keys(a.responses))
      expect(
        resolveResponse(a.responses[status]).content?.["application/hal+json"]?.schema,
      ).toEqual(resolveResponse(b.responses[status]).content?.["application/hal+json"]?.schema);
  });
});

describe("listings that ignore paging", () => {
  it("name the parameters Mode accepts and ignores, none of which they also declare", () => {
    const marked = operations().filter(({ operation }) => operation["x-ignored-query-parameters"]);
    expect(marked.map(({ operation }) => operation.operationId).sort()).toEqual([
      "listDataSources",
      "listQueriesForReport",
      "listQueryRuns",
    ]);
    for (const { operation } of marked) {
      const declared = (operation.parameters ?? []).map(
        (p: Json) => spec.components.parameters[p.$ref.split("/").pop()].name,
      );
      for (const name of operation["x-ignored-query-parameters"])
        expect(declared, operation.operationId).not.toContain(name);
    }
  });
});
