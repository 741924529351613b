// The SQL queries behind Datasets and reports, made once from the seed: a Dataset has one (its
// defining SQL), a report one per query it counts, each reading an imported Dataset's table where
// it has one. A run's query runs are not stored: each is made, token and all, from the run and
// the query's place, so every read of the same run finds the same query runs.
import { hashString, type Random, seededRandom } from "../random.js";
import type {
  Column,
  DataSourceRecord,
  DatasetRecord,
  QueryRecord,
  QueryRunRecord,
  ReportRecord,
  RunRecord,
} from "./types.js";

const REPORT_COLUMNS: readonly Column[] = [
  { name: "week", type: "timestamp" },
  { name: "region", type: "string" },
  { name: "orders", type: "integer" },
  { name: "revenue", type: "number" },
];

const REPORT_SQL =
  "select date_trunc('week', ordered_at) as week, region, count(*) as orders, sum(amount) as revenue\nfrom orders\ngroup by 1, 2";

export function buildQueries(
  datasets: readonly DatasetRecord[],
  reports: readonly ReportRecord[],
  dataSources: readonly DataSourceRecord[],
  random: Random,
  newToken: () => string,
): Map<string, QueryRecord[]> {
  let lastId = 19_000_000 + random.int(0, 999_999);
  const nextId = (): number => {
    lastId += random.int(1, 900);
    return lastId;
  };
  const queries = new Map<string, QueryRecord[]>();
  for (const dataset of datasets) {
    queries.set(dataset.token, [
      {
        token: newToken(),
        id: nextId(),
        name: "Query 1",
        rawQuery: dataset.query,
        ownerToken: dataset.token,
        dataSourceToken: dataset.dataSourceToken,
        createdAt: dataset.createdAt,
        updatedAt: dataset.editedAt,
        columns: dataset.columns,
        rowCount: dataset.rowCount,
        rowsFrom: dataset.token,
      },
    ]);
  }
  const byToken = new Map(datasets.map((d) => [d.token, d]));
  for (const report of reports) {
    queries.set(
      report.token,
      Array.from({ length: report.queryCount }, (_, i) => {
        const imported = byToken.get(report.imports[i] ?? "");
        const token = newToken();
        return {
          token,
          id: nextId(),
          name: imported ? `${imported.name} (imported)` : `Query ${i + 1}`,
          rawQuery: imported ? imported.query : REPORT_SQL,
          ownerToken: report.token,
          dataSourceToken: imported?.dataSourceToken ?? random.pick(dataSources).token,
          createdAt: report.createdAt,
          updatedAt: report.editedAt,
          columns: imported?.columns ?? REPORT_COLUMNS,
          rowCount: imported?.rowCount ?? 12 + random.int(0, 40),
          rowsFrom: imported?.token ?? token,
        };
      }),
    );
  }
  return queries;
}

/** A run's query runs, one per query of its Dataset or report, the same at every read. */
export function queryRunsOf(run: RunRecord, queries: readonly QueryRecord[]): QueryRunRecord[] {
  return queries.map((query, i) => {
    const random = seededRandom(hashString(`${run.token}:${i}`));
    return { token: random.hex(12), id: 3_500_000_000 + random.int(0, 99_999_999), run, query };
  });
}
