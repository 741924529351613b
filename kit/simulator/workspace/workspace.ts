// The workspace as requests change it: lookups by token, the writes Mode's API allows (rename,
// describe, move or delete a Dataset or report, describe a column, start a run), and each
// report's run history, of which only the newest are kept, as Mode purges old runs, so a client
// that starts runs all day holds the simulator's memory flat.
import type { Random } from "../random.js";
import { buildQueries, queryRunsOf } from "./queries.js";
import { failureMessage, newRunTiming, type SeededWorkspace } from "./seed.js";
import type {
  DataSourceRecord,
  DatasetRecord,
  FieldDescriptionRecord,
  QueryRecord,
  QueryRunRecord,
  ReportRecord,
  RunRecord,
  SpaceRecord,
} from "./types.js";

/** Column descriptions kept per Dataset at most; a client creating them all day is refused past it. */
export const DESCRIPTIONS_KEPT = 500;

export interface Changes {
  name?: string;
  description?: string;
  spaceToken?: string;
}

/** Runs kept per Dataset or report; older ones are purged and answer 404. */
export const RUNS_KEPT = 200;

export type Owner = DatasetRecord | ReportRecord;

export interface Workspace {
  readonly account: string;
  spaces(): readonly SpaceRecord[];
  space(token: string): SpaceRecord | undefined;
  dataSources(): readonly DataSourceRecord[];
  dataSource(token: string): DataSourceRecord | undefined;
  datasets(): readonly DatasetRecord[];
  dataset(token: string): DatasetRecord | undefined;
  report(token: string): ReportRecord | undefined;
  /** A Dataset or a report: a Dataset's token works wherever a report's does. */
  owner(token: string): Owner | undefined;
  /** The reports that import a Dataset. */
  reportsImporting(datasetToken: string): ReportRecord[];
  /** A Dataset's or report's runs, oldest first. */
  runsOf(ownerToken: string): readonly RunRecord[];
  run(ownerToken: string, runToken: string): RunRecord | undefined;
  updateDataset(token: string, changes: Changes, now: number): DatasetRecord;
  deleteDataset(token: string): void;
  reports(): readonly ReportRecord[];
  updateReport(token: string, changes: Changes, now: number): ReportRecord;
  deleteReport(token: string): void;
  /** A Dataset's or report's queries, in report order. */
  queriesOf(ownerToken: string): readonly QueryRecord[];
  /** A query by its own token, whichever report holds it (Mode does not check the pair). */
  query(token: string): QueryRecord | undefined;
  queryRunsOf(run: RunRecord): QueryRunRecord[];
  descriptionsOf(datasetToken: string): readonly FieldDescriptionRecord[];
  /** Adds a column's description; undefined when the Dataset already holds as many as it may. */
  describe(
    datasetToken: string,
    name: string,
    text: string,
    now: number,
  ): FieldDescriptionRecord | undefined;
  redescribe(
    description: FieldDescriptionRecord,
    text: string,
    now: number,
  ): FieldDescriptionRecord;
  undescribe(description: FieldDescriptionRecord): void;
  startRun(
    owner: Owner,
    init: { parameters: Record<string, unknown>; datasetTokens: readonly string[]; by: string },
    now: number,
  ): RunRecord;
}

export function createWorkspace(
  account: string,
  seeded: SeededWorkspace,
  random: Random,
): Workspace {
  const spaces = new Map(seeded.spaces.map((s) => [s.token, s]));
  const dataSources = new Map(seeded.dataSources.map((s) => [s.token, s]));
  const datasets = new Map(seeded.datasets.map((d) => [d.token, d]));
  const reports = new Map(seeded.reports.map((r) => [r.token, r]));
  const runs = new Map<string, RunRecord[]>();
  for (const run of seeded.runs) {
    const list = runs.get(run.ownerToken) ?? [];
    list.push(run);
    runs.set(run.ownerToken, list);
  }
  const newToken = (): string => {
    for (;;) {
      const token = random.hex(12);
      if (!datasets.has(token) && !reports.has(token) && !spaces.has(token)) return token;
    }
  };
  const queries = buildQueries(
    seeded.datasets,
    seeded.reports,
    seeded.dataSources,
    random,
    newToken,
  );
  const queryByToken = new Map([...queries.values()].flat().map((q) => [q.token, q]));
  const descriptions = new Map<string, FieldDescriptionRecord[]>();
  const describe = (
    datasetToken: string,
    name: string,
    text: string,
    now: number,
  ): FieldDescriptionRecord | undefined => {
    const list = descriptions.get(datasetToken) ?? [];
    if (list.length >= DESCRIPTIONS_KEPT) return undefined;
    const record = { token: newToken(), datasetToken, name, text, createdAt: now, updatedAt: now };
    list.push(record);
    descriptions.set(datasetToken, list);
    return record;
  };
  // About half the Datasets come with their first column described.
  for (const dataset of seeded.datasets) {
    const [column] = dataset.columns;
    if (column && random.chance(0.5)) {
      describe(
        dataset.token,
        column.name,
        `The ${column.name.replace(/_/g, " ")}, as the source system records it.`,
        dataset.editedAt,
      );
    }
  }
  const forget = (ownerToken: string): void => {
    runs.delete(ownerToken);
    for (const q of queries.get(ownerToken) ?? []) queryByToken.delete(q.token);
    queries.delete(ownerToken);
    descriptions.delete(ownerToken);
  };
  const change = <
    T extends {
      name: string;
      description: string | null;
      spaceToken: string;
      updatedAt: number;
      editedAt: number;
    },
  >(
    record: T,
    changes: Changes,
    now: number,
  ): T => {
    if (changes.name !== undefined) record.name = changes.name;
    if (changes.description !== undefined) record.description = changes.description;
    if (changes.spaceToken !== undefined) record.spaceToken = changes.spaceToken;
    record.updatedAt = now;
    record.editedAt = now;
    return record;
  };

  return {
    account,
    spaces: () => [...spaces.values()],
    space: (token) => spaces.get(token),
    dataSources: () => [...dataSources.values()],
    dataSource: (token) => dataSources.get(token),
    datasets: () => [...datasets.values()],
    dataset: (token) => datasets.get(token),
    report: (token) => reports.get(token),
    owner: (token) => datasets.get(token) ?? reports.get(token),
    reportsImporting: (datasetToken) =>
      [...reports.values()].filter((r) => r.imports.includes(datasetToken)),
    runsOf: (ownerToken) => runs.get(ownerToken) ?? [],
    run: (ownerToken, runToken) => runs.get(ownerToken)?.find((r) => r.token === runToken),
    updateDataset(token, changes, now) {
      const dataset = datasets.get(token);
      if (!dataset) throw new Error(`no Dataset ${token}`);
      return change(dataset, changes, now);
    },
    deleteDataset(token) {
      datasets.delete(token);
      forget(token);
      for (const report of reports.values()) {
        report.imports = report.imports.filter((t) => t !== token);
      }
    },
    reports: () => [...reports.values()],
    updateReport(token, changes, now) {
      const report = reports.get(token);
      if (!report) throw new Error(`no report ${token}`);
      return change(report, changes, now);
    },
    deleteReport(token) {
      reports.delete(token);
      forget(token);
    },
    queriesOf: (ownerToken) => queries.get(ownerToken) ?? [],
    query: (token) => queryByToken.get(token),
    queryRunsOf: (run) => queryRunsOf(run, queries.get(run.ownerToken) ?? []),
    descriptionsOf: (datasetToken) => descriptions.get(datasetToken) ?? [],
    describe,
    redescribe(description, text, now) {
      description.text = text;
      description.updatedAt = now;
      return description;
    },
    undescribe(description) {
      const list = descriptions.get(description.datasetToken) ?? [];
      descriptions.set(
        description.datasetToken,
        list.filter((d) => d !== description),
      );
    },
    startRun(owner, init, now) {
      const failing = owner.kind === "dataset" && owner.failing;
      const runtime = owner.kind === "dataset" ? owner.expectedRuntime : 5 + owner.queryCount * 3;
      const run: RunRecord = {
        token: newToken(),
        ownerToken: owner.token,
        createdAt: now,
        ...newRunTiming(random, runtime),
        outcome: failing ? "failed" : "succeeded",
        parameters: init.parameters,
        datasetTokens: init.datasetTokens,
        executedBy: init.by,
        error: failing && owner.kind === "dataset" ? failureMessage(owner) : null,
      };
      const list = runs.get(owner.token) ?? [];
      list.push(run);
      if (list.length > RUNS_KEPT) list.splice(0, list.length - RUNS_KEPT);
      runs.set(owner.token, list);
      return run;
    },
  };
}
