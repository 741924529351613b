// A Dataset's columns (as listed under `_embedded.fields`) and the descriptions attached to them.
import type { Column, FieldDescriptionRecord } from "../workspace/types.js";
import { api, iso } from "./hal.js";

/** The column types Mode names, from the simulator's own. */
const MODE_TYPE: Record<Column["type"], string> = {
  integer: "integer",
  number: "number",
  string: "string",
  timestamp: "datetime",
  boolean: "boolean",
};

export const fieldBody = (column: Column): Record<string, unknown> => ({
  name: column.name,
  type: MODE_TYPE[column.type],
});

export function fieldDescriptionBody(
  account: string,
  description: FieldDescriptionRecord,
): Record<string, unknown> {
  return {
    token: description.token,
    name: description.name,
    description: description.text,
    created_at: iso(description.createdAt),
    updated_at: iso(description.updatedAt),
    _links: {
      self: api(
        `/${account}/datasets/${description.datasetToken}/field_descriptions/${description.token}`,
      ),
    },
  };
}
