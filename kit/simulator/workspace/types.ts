// The simulated workspace's records: what the simulator remembers, in its own shape. The wire/
// folder turns them into Mode's HAL bodies; timestamps here are epoch milliseconds of Mode's clock.

export interface Member {
  username: string;
}

export interface SpaceRecord {
  token: string;
  id: number;
  name: string;
  description: string | null;
  spaceType: "custom" | "community";
  createdAt: number;
  creator: string;
}

export interface DataSourceRecord {
  token: string;
  id: number;
  name: string;
  description: string;
  adapter: string;
  vendor: string;
  host: string;
  database: string;
  port: number;
  warehouse: string | null;
  createdAt: number;
  updatedAt: number;
  creator: string;
}

export type ColumnType = "integer" | "number" | "string" | "timestamp" | "boolean";

export interface Column {
  name: string;
  type: ColumnType;
}

/** What a Dataset and a report share: both are reports to Mode. */
interface ReportLike {
  token: string;
  id: number;
  name: string;
  description: string | null;
  spaceToken: string;
  createdAt: number;
  updatedAt: number;
  editedAt: number;
  publishedAt: number | null;
  creator: string;
  viewCount: number;
}

export interface DatasetRecord extends ReportLike {
  kind: "dataset";
  dataSourceToken: string;
  /** The Dataset's one SQL query. */
  query: string;
  columns: readonly Column[];
  /** How many rows each successful run's results hold. */
  rowCount: number;
  /** Chosen by the seed: every new run of this Dataset fails. */
  failing: boolean;
  /** Seconds a run takes, as Mode estimates it. */
  expectedRuntime: number;
}

export interface ReportRecord extends ReportLike {
  kind: "report";
  /** The Datasets the report imports, by token. */
  imports: string[];
  queryCount: number;
  chartCount: number;
}

export type RunOutcome = "succeeded" | "failed";

export interface RunRecord {
  token: string;
  /** The Dataset or report the run belongs to. */
  ownerToken: string;
  createdAt: number;
  /** Milliseconds of Mode's time spent waiting for a worker, then running (both `enqueued`). */
  queuedMs: number;
  runningMs: number;
  outcome: RunOutcome;
  parameters: Record<string, unknown>;
  /** For a refresh: the Datasets it pulled into the report. */
  datasetTokens: readonly string[];
  executedBy: string;
  /** Why a failed run failed, in the words a query error would use. */
  error: string | null;
}

/** One SQL query of a Dataset (it has one) or a report (one or more), with what its results hold. */
export interface QueryRecord {
  token: string;
  id: number;
  name: string;
  rawQuery: string;
  ownerToken: string;
  dataSourceToken: string;
  createdAt: number;
  updatedAt: number;
  /** The columns and row count its results hold; rows come from the seed and `rowsFrom`. */
  columns: readonly Column[];
  rowCount: number;
  /** The token the rows are generated from: the Dataset the query reads, or the query itself. */
  rowsFrom: string;
}

/** One query's part of a run: made, with its token, from the run and the query's place. */
export interface QueryRunRecord {
  token: string;
  id: number;
  run: RunRecord;
  query: QueryRecord;
}

/** A description attached to one column of a Dataset. */
export interface FieldDescriptionRecord {
  token: string;
  datasetToken: string;
  /** The column it describes. */
  name: string;
  text: string;
  createdAt: number;
  updatedAt: number;
}
