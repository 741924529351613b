// Data sources: the listing (all at once: Mode does not page it) and one data source.
import { dataSourceBody } from "../wire/data-source.js";
import { modeError } from "../wire/error.js";
import { api } from "../wire/hal.js";
import type { Handler } from "./types.js";

export const listDataSources: Handler = ({ workspace, facts }) => ({
  status: 200,
  body: {
    _links: { self: api(`/${workspace.account}/data_sources`) },
    _embedded: {
      data_sources: workspace
        .dataSources()
        .map((s) => dataSourceBody(facts.account, facts.accountId, s)),
    },
  },
});

export const getDataSource: Handler = ({ workspace, facts, path }) => {
  const source = workspace.dataSource(path["data_source"] ?? "");
  if (!source) {
    return modeError(
      "not_found",
      `data source not found: no data source ${path["data_source"]} in ${workspace.account}`,
    );
  }
  return { status: 200, body: dataSourceBody(facts.account, facts.accountId, source) };
};
