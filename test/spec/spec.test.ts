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

// operationId: [method, path, success status, where it comes from].
const EXPECTED_OPERATIONS = {
  getDataset: ["get", "/{account}/datasets/{dataset}", "200", "seed"],
  listDatasetsForSpace: ["get", "/{account}/spaces/{space}/datasets", "200", "seed"],
  listDatasetsForDataSource: [
    "get",
    "/{account}/data_sources/{data_source}/datasets",
    "200",
    "seed",
  ],
  updateDataset: ["patch", "/{account}/datasets/{dataset}", "200", "seed"],
  deleteDataset: ["delete", "/{account}/datasets/{dataset}", "200", "seed"],
  listReportsForDataset: ["get", "/{account}/datasets/{dataset}/reports", "200", "seed"],
  listReportRuns: ["get", "/{account}/reports/{report}/runs", "200", "seed"],
  refreshDatasetsInReport: ["post", "/{account}/reports/{report}/runs", "202", "seed"],
  getReportRun: ["get", "/{account}/reports/{report}/runs/{run}", "200", "reference"],
  runDataset: ["post", "/{account}/datasets/{dataset}/runs", "202", "reference"],
  listDatasetRuns: ["get", "/{account}/datasets/{dataset}/runs", "200", "reference"],
  getDatasetRun: ["get", "/{account}/datasets/{dataset}/runs/{run}", "200", "reference"],
  listSpaces: ["get", "/{account}/spaces", "200", "reference"],
  getSpace: ["get", "/{account}/spaces/{space}", "200", "reference"],
  listDataSources: ["get", "/{account}/data_sources", "200", "reference"],
  getDataSource: ["get", "/{account}/data_sources/{data_source}", "200", "reference"],
  verifyCredentials: ["get", "/verify", "200", "reference"],
} as const;

const FILTERED_LISTINGS = [
  "listDatasetsForSpace",
  "listDatasetsForDataSource",
  "listReportRuns",
  "listDatasetRuns",
];

describe("the bundled spec", () => {
  it("describes exactly the seventeen operations, each at its method and path", () => {
    const found = Object.fromEntries(
      operations().map((o) => [o.operation.operationId, [o.method, o.path]]),
    );
    const expected = Object.fromEntries(
      Object.entries(EXPECTED_OPERATIONS).map(([id, [m, p]]) => [id, [m, p]]),
    );
    expect(found).toEqual(expected);
  });

  it.each(Object.entries(EXPECTED_OPERATIONS))(
    "%s documents its success, 401, 404 and 429, and where it comes from",
    (id, [, path, success, source]) => {
      const { operation } = operations().find((o) => o.operation.operationId === id)!;
      expect(operation.summary).toBeTruthy();
      expect(operation.description).toBeTruthy();
      expect(operation["x-source"]).toBe(source);
      // Only /verify names no account or token that could be missing.
      const notFound = path === "/verify" ? [] : ["404"];
      expect(Object.keys(operation.responses)).toEqual(
        expect.arrayContaining([success, "401", ...notFound, "429"]),
      );
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
