// A call through the throwing layer (`createModeDatasets`), checked against the contract: the
// answer it read is the documented status with a body valid against the operation's schema and
// no violation. The method hands back only the body or its items, so the body checked is the one
// the transport kept.
import type { ModePromise } from "../../src/index.js";
import { expectConforming } from "./contract-expectations.js";
import type { ContractClient } from "./contract-target.js";

export async function expectConformingThrough<T>(
  contract: ContractClient,
  call: (datasets: ContractClient["datasets"]) => ModePromise<T>,
  operation: { path: string; method: string; status: number | readonly number[] },
): Promise<T> {
  const { data, response } = await call(contract.datasets).withResponse();
  const answer = contract.lastResponse();
  const text = await answer.clone().text();
  await expectConforming(
    { data: text === "" ? undefined : JSON.parse(text), response: answer },
    operation,
  );
  // The throwing layer hands up the answer it was given, status and all.
  if (response.status !== answer.status)
    throw new Error(`status ${response.status} != ${answer.status}`);
  return data;
}
