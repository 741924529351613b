// The body `updateDataset` and `updateReport` share: `{ report: { name?, description?,
// space_token? } }`, checked before sending.
import type { UpdateDatasetRequest } from "../schema-types.js";

/** What may change on a Dataset or a report: name, description and/or space_token. */
export type ReportChanges = UpdateDatasetRequest["report"];

const UPDATE_FIELDS = ["name", "description", "space_token"] as const;

/**
 * The spec makes the body strict with at least one field; failing here names the problem
 * instead of surfacing Mode's (or Prism's) 400. `what` names the resource in the messages.
 */
export function checkChanges(changes: unknown, what: "Dataset" | "Report"): ReportChanges {
  if (changes === null || typeof changes !== "object" || Array.isArray(changes)) {
    throw new TypeError(
      `${what} changes ${String(changes)} are not an object; expected { name?, description?, space_token? }`,
    );
  }
  const keys = Object.keys(changes);
  const unknown = keys.filter((key) => !(UPDATE_FIELDS as readonly string[]).includes(key));
  if (unknown.length > 0) {
    throw new RangeError(
      `Unknown ${what} field(s) ${unknown.map((k) => JSON.stringify(k)).join(", ")}; expected ${UPDATE_FIELDS.join(", ")}`,
    );
  }
  if (keys.length === 0)
    throw new RangeError(
      `${what} changes are empty; expected at least one of ${UPDATE_FIELDS.join(", ")}`,
    );
  for (const [key, value] of Object.entries(changes)) {
    if (typeof value !== "string")
      throw new TypeError(`${what} field ${key} has type ${typeof value}; expected a string`);
  }
  return changes as ReportChanges;
}
