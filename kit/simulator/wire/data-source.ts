// A data source (a database connection) as Mode sends it.
import type { DataSourceRecord } from "../workspace/types.js";
import { api, iso, web } from "./hal.js";

export function dataSourceBody(
  account: string,
  accountId: number,
  source: DataSourceRecord,
): Record<string, unknown> {
  return {
    id: source.id,
    token: source.token,
    name: source.name,
    display_name: source.name,
    description: source.description,
    adapter: source.adapter,
    vendor: source.vendor,
    provider: "default",
    created_at: iso(source.createdAt),
    updated_at: iso(source.updatedAt),
    has_expensive_schema_updates: false,
    public: false,
    asleep: false,
    queryable: true,
    soft_deleted: false,
    account_id: accountId,
    account_username: account,
    database: source.database,
    host: source.host,
    port: source.port,
    username: "MODE_READER",
    warehouse: source.warehouse,
    ssl: true,
    ldap: false,
    bridged: false,
    custom_attributes: {},
    default_access_level: "Query",
    _links: {
      self: api(`/${account}/data_sources/${source.token}`),
      account: api(`/${account}`),
      permissions: api(`/${account}/data_sources/${source.token}/permissions`),
      web: web(`/${account}/data_sources/${source.token}`),
      creator: api(`/${source.creator}`),
    },
  };
}
