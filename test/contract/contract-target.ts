// Where contract tests send requests (our Prism, or the server named by MODE_CONTRACT_BASE_URL),
// with which tokens and credentials, and our client pointed there.
import {
  createModeClient,
  createModeDatasets,
  type ModeClient,
  type ModeDatasets,
} from "../../src/index.js";
import { mockTarget, mockUrl } from "../support/mock-target.js";

/** Our own Prism mock: every check applies. Otherwise MODE_CONTRACT_BASE_URL. */
export const againstPrism = mockTarget.kind === "prism";
/** Writes (update, delete, refresh) run on our mock, elsewhere only with MODE_CONTRACT_ALLOW_WRITES=1. */
export const writesAllowed = mockTarget.allowWrites;

const env = (name: string, fallback: string): string => process.env[name] || fallback;

/**
 * Tokens the requests use. Prism accepts any; against a real server set them to things that
 * exist (defaults are the spec's example values).
 */
export const ids = {
  account: env("MODE_CONTRACT_ACCOUNT", "northwind"),
  dataset: env("MODE_CONTRACT_DATASET", "5a4177a2902c"),
  space: env("MODE_CONTRACT_SPACE", "8f2c6d1e9b4a"),
  dataSource: env("MODE_CONTRACT_DATA_SOURCE", "3c9e1f7a2d60"),
  report: env("MODE_CONTRACT_REPORT", "7f3c2a9d41b8"),
};

function credentials(): { token: string; secret: string } {
  const token = process.env["MODE_API_TOKEN"];
  const secret = process.env["MODE_API_SECRET"];
  if (token && secret) return { token, secret };
  if (againstPrism) return { token: "contract-token", secret: "contract-secret" };
  throw new Error("MODE_CONTRACT_BASE_URL is set: set MODE_API_TOKEN and MODE_API_SECRET too");
}

export interface ContractClientOptions {
  /** Replaces the transport, e.g. to strip credentials (a bad client our client refuses to be). */
  fetch?: (request: Request) => Promise<Response>;
  headers?: Record<string, string>;
}

export interface ContractClient {
  /** The openapi-fetch client (`createModeClient`). */
  client: ModeClient;
  /** The throwing layer (`createModeDatasets`) over the same client. */
  datasets: ModeDatasets;
  /** The last answer the transport received (a clone, so its body can still be read). */
  lastResponse(): Response;
}

/** A transport that drops the Authorization header our client set: a client sending none. */
export function withoutCredentials(request: Request): Promise<Response> {
  const bare = new Request(request);
  bare.headers.delete("authorization");
  return globalThis.fetch(bare);
}

/**
 * Our client, pointed at the contract server, with no retries (every answer is the first one).
 * The transport keeps the last answer so tests can read Prism's `sl-violations` header even when
 * the throwing layer only hands back a `ModeApiError`.
 */
export function contractClient(options: ContractClientOptions = {}): ContractClient {
  const transport = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  let last: Response | undefined;
  const client = createModeClient({
    baseUrl: mockUrl(),
    ...credentials(),
    retry: false,
    // Our mock has no rate limit; a real server keeps the client's default of 40 per 10 s.
    ...(againstPrism ? { rateLimit: false as const } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
    fetch: async (request) => {
      const response = await transport(request);
      last = response.clone();
      return response;
    },
  });
  return {
    client,
    datasets: createModeDatasets({ client }),
    lastResponse: () => {
      if (!last) throw new Error("no request was sent");
      return last.clone();
    },
  };
}
