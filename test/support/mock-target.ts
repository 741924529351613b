// Where the vitest global setup (test/setup/prism.ts) says requests go: our Prism mock, or the
// server MODE_CONTRACT_BASE_URL names.
import { inject } from "vitest";

export const mockTarget = inject("modeContract");

/** The server's base URL; throws with the setup's own reason when it has none. */
export function mockUrl(): string {
  if (mockTarget.baseUrl === null) {
    throw new Error(`no mock server: ${mockTarget.problem ?? "unknown reason"}`);
  }
  return mockTarget.baseUrl;
}
