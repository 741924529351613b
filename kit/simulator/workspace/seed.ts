// The seeded workspace `northwind`: Collections, data sources, Datasets (some of which the seed
// makes fail whenever they run), reports that import them, and each one's run history, all from
// one seed, so the same options give the same workspace on every machine.
import { type Random, seededRandom } from "../random.js";
import { SIMULATION_START } from "../clock.js";
import type {
  Column,
  DataSourceRecord,
  DatasetRecord,
  ReportRecord,
  RunRecord,
  SpaceRecord,
} from "./types.js";

export const ACCOUNT = "northwind";

export interface SeedOptions {
  seed: number;
  collections: number;
  datasets: number;
}

export interface SeededWorkspace {
  spaces: SpaceRecord[];
  dataSources: DataSourceRecord[];
  datasets: DatasetRecord[];
  reports: ReportRecord[];
  runs: RunRecord[];
}

const MEMBERS = ["priya.raman", "tomas.lindqvist", "ana.okafor", "li.wei", "marco.bianchi"];

const SPACE_NAMES = [
  "Sales analytics",
  "Operations",
  "Finance",
  "Marketing",
  "Customer success",
  "Supply chain",
  "Product",
  "Data team sandbox",
];

const DATA_SOURCES = [
  {
    name: "Warehouse (Snowflake)",
    adapter: "jdbc:snowflake",
    vendor: "snowflake",
    host: "northwind.eu-west-1.snowflakecomputing.com",
    database: "ANALYTICS",
    port: 443,
    warehouse: "REPORTING_WH",
  },
  {
    name: "Product DB (PostgreSQL)",
    adapter: "jdbc:postgresql",
    vendor: "postgresql",
    host: "product-db.internal.northwind.example",
    database: "product",
    port: 5432,
    warehouse: null,
  },
  {
    name: "Finance (SQL Server)",
    adapter: "jdbc:sqlserver",
    vendor: "sqlserver",
    host: "finance-sql.internal.northwind.example",
    database: "ledger",
    port: 1433,
    warehouse: null,
  },
] as const;

/** Tables a Dataset can be drawn from, each with its columns. */
const TABLES: ReadonlyArray<{ table: string; subject: string; columns: readonly Column[] }> = [
  {
    table: "orders",
    subject: "Orders",
    columns: [
      { name: "order_id", type: "integer" },
      { name: "region", type: "string" },
      { name: "ordered_at", type: "timestamp" },
      { name: "amount", type: "number" },
      { name: "status", type: "string" },
    ],
  },
  {
    table: "customers",
    subject: "Customers",
    columns: [
      { name: "customer_id", type: "integer" },
      { name: "company_name", type: "string" },
      { name: "country", type: "string" },
      { name: "signed_up_at", type: "timestamp" },
      { name: "is_active", type: "boolean" },
    ],
  },
  {
    table: "shipments",
    subject: "Shipments",
    columns: [
      { name: "shipment_id", type: "integer" },
      { name: "carrier", type: "string" },
      { name: "shipped_at", type: "timestamp" },
      { name: "days_late", type: "integer" },
      { name: "note", type: "string" },
    ],
  },
  {
    table: "products",
    subject: "Products",
    columns: [
      { name: "product_id", type: "integer" },
      { name: "product_name", type: "string" },
      { name: "category", type: "string" },
      { name: "unit_price", type: "number" },
      { name: "discontinued", type: "boolean" },
    ],
  },
  {
    table: "invoices",
    subject: "Invoices",
    columns: [
      { name: "invoice_id", type: "integer" },
      { name: "customer", type: "string" },
      { name: "issued_at", type: "timestamp" },
      { name: "total", type: "number" },
      { name: "currency", type: "string" },
    ],
  },
];

const ANGLES = [
  "by region",
  "by month",
  "daily",
  "weekly summary",
  "late this quarter",
  "top 100",
  "by category",
  "open",
  "year to date",
  "for finance review",
];

const DAY = 86_400_000;
/** Everything seeded happened in the two years before the simulation starts. */
const HISTORY_START = SIMULATION_START - 730 * DAY;

/** A token no other record of this workspace has. */
function tokenMaker(random: Random): () => string {
  const used = new Set<string>();
  return () => {
    for (;;) {
      const token = random.hex(12);
      if (!used.has(token)) {
        used.add(token);
        return token;
      }
    }
  };
}

const round = (ms: number): number => Math.floor(ms);

export function seedWorkspace(options: SeedOptions): SeededWorkspace {
  const random = seededRandom(options.seed);
  const token = tokenMaker(random);
  let nextId = 51_000_000 + random.int(0, 999_999);
  const id = (): number => {
    nextId += random.int(1, 4_000);
    return nextId;
  };
  const moment = (from: number, to: number): number => round(from + random.next() * (to - from));

  const spaces: SpaceRecord[] = Array.from({ length: options.collections }, (_, i) => ({
    token: token(),
    id: id(),
    name: SPACE_NAMES[i] ?? `Team ${i + 1}`,
    description: random.chance(0.5)
      ? `Datasets and reports of the ${SPACE_NAMES[i] ?? `team ${i + 1}`} team.`
      : null,
    spaceType: i === 0 ? "community" : "custom",
    createdAt: moment(HISTORY_START, HISTORY_START + 60 * DAY),
    creator: random.pick(MEMBERS),
  }));

  const sourceCount = Math.min(DATA_SOURCES.length, Math.max(1, Math.ceil(options.datasets / 20)));
  const dataSources: DataSourceRecord[] = DATA_SOURCES.slice(0, sourceCount).map((s) => {
    const createdAt = moment(HISTORY_START - 60 * DAY, HISTORY_START);
    return {
      token: token(),
      id: id(),
      ...s,
      description: `${s.name}: connected for reporting.`,
      createdAt,
      updatedAt: moment(createdAt, SIMULATION_START - DAY),
      creator: random.pick(MEMBERS),
    };
  });

  // The first Collection holds about half the Datasets, so a workspace of 60 or more has a
  // listing longer than Mode's default page of 30.
  const spaceFor = (): SpaceRecord =>
    (random.chance(0.5) ? spaces[0] : random.pick(spaces)) as SpaceRecord;
  const usedNames = new Map<string, number>();
  const datasets: DatasetRecord[] = Array.from({ length: options.datasets }, () => {
    const table = random.pick(TABLES);
    const base = `${table.subject} ${random.pick(ANGLES)}`;
    const seen = usedNames.get(base) ?? 0;
    usedNames.set(base, seen + 1);
    const createdAt = moment(HISTORY_START, SIMULATION_START - 30 * DAY);
    const editedAt = moment(createdAt, SIMULATION_START - DAY);
    const space = spaceFor();
    const columns = table.columns.slice(0, random.int(3, table.columns.length));
    return {
      kind: "dataset",
      token: token(),
      id: id(),
      name: seen === 0 ? base : `${base} (${seen + 1})`,
      description: random.chance(0.7) ? `One row per ${table.table.replace(/s$/, "")}.` : null,
      spaceToken: space.token,
      dataSourceToken: random.pick(dataSources).token,
      createdAt,
      updatedAt: editedAt,
      editedAt,
      publishedAt: random.chance(0.8) ? moment(createdAt, editedAt) : null,
      creator: random.pick(MEMBERS),
      viewCount: random.int(0, 2_000),
      query: `select ${columns.map((c) => c.name).join(", ")} from ${table.table}`,
      columns,
      rowCount: random.int(5, 250),
      failing: false,
      expectedRuntime: random.int(2, 40) + random.int(0, 999) / 1000,
    };
  });
  // About one Dataset in eight fails whenever it runs; always at least one once there are five.
  const failingCount = datasets.length >= 5 ? Math.max(1, Math.round(datasets.length / 8)) : 0;
  for (let picked = 0; picked < failingCount; ) {
    const dataset = random.pick(datasets);
    if (!dataset.failing) {
      dataset.failing = true;
      picked++;
    }
  }

  const reports: ReportRecord[] = Array.from(
    { length: datasets.length === 0 ? 0 : Math.max(1, Math.ceil(datasets.length / 6)) },
    (_, i) => {
      const imports = new Set<string>();
      const want = random.int(1, Math.min(3, datasets.length));
      while (imports.size < want) imports.add(random.pick(datasets).token);
      const createdAt = moment(HISTORY_START + 30 * DAY, SIMULATION_START - 20 * DAY);
      const editedAt = moment(createdAt, SIMULATION_START - DAY);
      return {
        kind: "report",
        token: token(),
        id: id(),
        name: `${random.pick(["Weekly", "Monthly", "Quarterly", "Daily"])} ${random.pick(["regional sales", "operations review", "board pack", "pipeline", "fulfilment"])} ${i + 1}`,
        description: random.chance(0.5) ? "Shared with the leadership team." : null,
        spaceToken: random.pick(spaces).token,
        createdAt,
        updatedAt: editedAt,
        editedAt,
        publishedAt: moment(createdAt, editedAt),
        creator: random.pick(MEMBERS),
        viewCount: random.int(0, 5_000),
        imports: [...imports],
        queryCount: random.int(1, 4),
        chartCount: random.int(0, 6),
      };
    },
  );

  // Each Dataset and report ran a few times before the simulation started; a failing Dataset's
  // runs failed, and so its latest run shows it.
  const runs: RunRecord[] = [];
  for (const owner of [...datasets, ...reports]) {
    const count = random.int(1, 3);
    let at = moment(owner.createdAt, SIMULATION_START - 10 * DAY);
    for (let i = 0; i < count; i++) {
      const failing = owner.kind === "dataset" && owner.failing && i === count - 1;
      runs.push({
        token: token(),
        ownerToken: owner.token,
        createdAt: at,
        queuedMs: random.int(200, 2_000),
        runningMs: random.int(1_500, 30_000),
        outcome: failing ? "failed" : "succeeded",
        parameters: {},
        datasetTokens: owner.kind === "report" ? owner.imports : [],
        executedBy: random.pick(MEMBERS),
        error: failing ? failureMessage(owner as DatasetRecord) : null,
      });
      at = moment(at + DAY, Math.max(at + DAY, SIMULATION_START - DAY));
    }
    // About one in ten is running when the simulation starts, as a scheduled run would be.
    if (random.chance(0.1)) {
      const failing = owner.kind === "dataset" && owner.failing;
      runs.push({
        token: token(),
        ownerToken: owner.token,
        createdAt: SIMULATION_START - random.int(0, 1_500),
        queuedMs: random.int(500, 3_000),
        runningMs: random.int(5_000, 40_000),
        outcome: failing ? "failed" : "succeeded",
        parameters: {},
        datasetTokens: owner.kind === "report" ? owner.imports : [],
        executedBy: "scheduler",
        error: failing ? failureMessage(owner as DatasetRecord) : null,
      });
    }
  }
  return { spaces, dataSources, datasets, reports, runs };
}

/** The error a failing Dataset's runs report. */
export function failureMessage(dataset: DatasetRecord): string {
  const table = /from (\w+)/.exec(dataset.query)?.[1] ?? "source";
  return `SQL compilation error: Object '${table.toUpperCase()}' does not exist or not authorized.`;
}

/** A new run's token, timing and outcome, drawn from the workspace's own random source. */
export function newRunTiming(
  random: Random,
  expectedRuntime: number,
): { queuedMs: number; runningMs: number } {
  const expected = expectedRuntime * 1000;
  return {
    queuedMs: random.int(300, 2_500),
    runningMs: Math.round(expected * (0.5 + random.next())),
  };
}
