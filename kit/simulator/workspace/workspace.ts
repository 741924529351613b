// The workspace as requests change it: lookups by token, the writes Mode's API allows (rename,
// describe or move a Dataset, delete it, start a run), and each report's run history, of which
// only the newest are kept, as Mode purges old runs, so a client that starts runs all day holds
// the simulator's memory flat.
import type { Random } from "../random.js";
import { failureMessage, newRunTiming, type SeededWorkspace } from "./seed.js";
import type {
  DataSourceRecord,
  DatasetRecord,
  ReportRecord,
  RunRecord,
  SpaceRecord,
} from "./types.js";

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
  updateDataset(
    token: string,
    changes: { name?: string; description?: string; spaceToken?: string },
    now: number,
  ): DatasetRecord;
  deleteDataset(token: string): void;
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
      if (changes.name !== undefined) dataset.name = changes.name;
      if (changes.description !== undefined) dataset.description = changes.description;
      if (changes.spaceToken !== undefined) dataset.spaceToken = changes.spaceToken;
      dataset.updatedAt = now;
      dataset.editedAt = now;
      return dataset;
    },
    deleteDataset(token) {
      datasets.delete(token);
      runs.delete(token);
      for (const report of reports.values()) {
        report.imports = report.imports.filter((t) => t !== token);
      }
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
