// Rows read through the throwing layer (`mode.datasets.results`, `mode.reports.queryRunResults`),
// checked against the contract: every request of the call validated on the way (the run's and
// the content's), and the content answer the documented media type with a body valid against its
// schema. The rows are read as they arrive; the body checked is the copy the transport kept.
import { expect } from "vitest";
import type { ModeRows } from "../../src/index.js";
import { expectConforming } from "./contract-expectations.js";
import type { ContractClient } from "./contract-target.js";

export async function expectRowsConform(
  contract: ContractClient,
  call: (datasets: ContractClient["datasets"]) => Promise<ModeRows<Record<string, unknown>>>,
  operation: { path: string; mediaType: "text/csv" | "application/json" },
): Promise<Record<string, unknown>[]> {
  const rows = await call(contract.datasets);
  const read: Record<string, unknown>[] = [];
  for await (const row of rows) read.push(row);
  expect(rows.columns.length).toBeGreaterThan(0);
  for (const row of read) expect(Object.keys(row)).toEqual(rows.columns);
  const answer = contract.lastResponse();
  const text = await answer.text();
  await expectConforming(
    { data: operation.mediaType === "text/csv" ? text : JSON.parse(text), response: answer },
    { path: operation.path, method: "get", status: 200, mediaType: operation.mediaType },
  );
  return read;
}
