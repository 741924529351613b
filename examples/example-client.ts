// Where the examples send requests. By default the mock that `npm run mock` runs on
// 127.0.0.1:4010, with any credentials (their default tokens are the mock's examples). Set MODE_BASE_URL (https://app.mode.com/api for
// the real thing) with MODE_API_TOKEN and MODE_API_SECRET to use a real account.
// In your own code, import from "mode-datasets" instead of "../src/index.js".
import { createModeDatasets, type ModeDatasets } from "../src/index.js";

export const defaultMockUrl = "http://127.0.0.1:4010";

export interface ExampleClient {
  mode: ModeDatasets;
  baseUrl: string;
  /** True when talking to a mock on this machine, which answers with the spec's examples. */
  mocked: boolean;
}

export function exampleClient(env: NodeJS.ProcessEnv = process.env): ExampleClient {
  const baseUrl = env["MODE_BASE_URL"] || defaultMockUrl;
  const mocked = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/.test(new URL(baseUrl).hostname);
  const token = env["MODE_API_TOKEN"];
  const secret = env["MODE_API_SECRET"];
  if (!mocked && !(token && secret)) {
    throw new Error(
      `MODE_BASE_URL is ${baseUrl}: set MODE_API_TOKEN and MODE_API_SECRET to your API token and secret`,
    );
  }
  // The mock accepts any pair; a real account's come from the environment, never from arguments.
  const mode = createModeDatasets({
    baseUrl,
    token: token || "mock-token",
    secret: secret || "mock-secret",
  });
  return { mode, baseUrl, mocked };
}

/** Prints the error (a ModeApiError names the operation, status and Mode's message) and exits 1. */
export function failWith(error: unknown): never {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
