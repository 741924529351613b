// Every operation the simulator serves, by the spec's operationId. An operation of the spec with
// no handler here answers 501, and the test that sends every operation fails, naming it.
import { getDataSource, listDataSources } from "./data-sources.js";
import {
  createFieldDescription,
  deleteFieldDescription,
  listDatasetFields,
  listDatasetSchedules,
  listFieldDescriptions,
  updateFieldDescription,
} from "./fields.js";
import { getQuery, getQueryRun, listQueriesForReport, listQueryRuns } from "./queries.js";
import {
  deleteReport,
  getReport,
  listReportsForCollection,
  listReportsForDataSource,
  listReportsForSpace,
  updateReport,
} from "./reports.js";
import { queryRunResults, reportRunResults } from "./results.js";
import {
  deleteDataset,
  getDataset,
  listDatasetsForDataSource,
  listDatasetsForSpace,
  listReportsForDataset,
  updateDataset,
} from "./datasets.js";
import {
  getDatasetRun,
  getReportRun,
  listDatasetRuns,
  listReportRuns,
  refreshDatasetsInReport,
  runDataset,
} from "./runs.js";
import { getCollection, getSpace, listCollections, listSpaces } from "./spaces.js";
import type { Handler } from "./types.js";
import { verifyCredentials } from "./verify.js";

export type { Handler, HandlerContext, HandlerResult, StreamedContent } from "./types.js";

export const handlers: Readonly<Record<string, Handler>> = {
  getDataset,
  updateDataset,
  deleteDataset,
  listDatasetsForSpace,
  listDatasetsForDataSource,
  listReportsForDataset,
  listDatasetRuns,
  runDataset,
  getDatasetRun,
  listReportRuns,
  refreshDatasetsInReport,
  getReportRun,
  listSpaces,
  getSpace,
  listCollections,
  getCollection,
  listDataSources,
  getDataSource,
  verifyCredentials,
  listDatasetFields,
  listFieldDescriptions,
  createFieldDescription,
  updateFieldDescription,
  deleteFieldDescription,
  listDatasetSchedules,
  getReport,
  updateReport,
  deleteReport,
  listReportsForSpace,
  listReportsForCollection,
  listReportsForDataSource,
  listQueriesForReport,
  getQuery,
  listQueryRuns,
  getQueryRun,
  getReportRunResultsCsv: reportRunResults("csv"),
  getReportRunResultsJson: reportRunResults("json"),
  getQueryRunResultsCsv: queryRunResults("csv"),
  getQueryRunResultsJson: queryRunResults("json"),
};
