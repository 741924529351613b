import createClient from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import { createModeClient } from "../src/index.js";

/** Fake credentials: the bench server never checks them, but every variant sends them. */
export const TOKEN = "bench-token";
export const SECRET = "bench-secret";
export const ACCOUNT = "northwind";
export const DATASET = "5a4177a2902c";

/** A limit no benchmark reaches, so the limiter's bookkeeping runs but never waits. */
export const UNTHROTTLED = { requests: 100_000, intervalMs: 1_000 } as const;

const authorization = `Basic ${Buffer.from(`${TOKEN}:${SECRET}`).toString("base64")}`;

/** One getDataset call that reads and parses the body; rejects on anything but a Dataset. */
export type Get = () => Promise<void>;

/**
 * The same GET four ways. Raw fetch sends the same headers and parses the JSON too, so the
 * ratios show what openapi-fetch and our layers add, not the cost of JSON. The last, a floor, is
 * openapi-fetch with the two guarantees that cost most written as plainly as they can be: a
 * per-attempt timeout that aborts the socket, and the body read and parsed inside the attempt.
 * What the client costs beyond the floor is its own layers, not those guarantees. The order is
 * fixed (raw fetch, openapi-fetch, createModeClient, floor): overhead.ts computes ratios by
 * position.
 */
export function getVariants(origin: string): { name: string; get: Get }[] {
  const url = `${origin}/${ACCOUNT}/datasets/${DATASET}`;
  const headers = { Accept: "application/hal+json", Authorization: authorization };
  const bare = createClient<paths>({ baseUrl: origin, headers });
  const ours = createModeClient({
    baseUrl: origin,
    token: TOKEN,
    secret: SECRET,
    rateLimit: UNTHROTTLED,
  });
  const floor = createClient<paths>({ baseUrl: origin, headers, fetch: timedAndRead });
  const params = { path: { account: ACCOUNT, dataset: DATASET } };
  return [
    {
      name: "raw fetch",
      async get() {
        const response = await fetch(url, { headers });
        const body = (await response.json()) as { token?: unknown };
        if (!response.ok || typeof body.token !== "string")
          throw new Error(`raw fetch got ${response.status}`);
      },
    },
    {
      name: "openapi-fetch",
      async get() {
        const { data, response } = await bare.GET("/{account}/datasets/{dataset}", { params });
        if (!data) throw new Error(`openapi-fetch got ${response.status}`);
      },
    },
    {
      name: "createModeClient",
      async get() {
        const { data, response } = await ours.GET("/{account}/datasets/{dataset}", { params });
        if (!data) throw new Error(`createModeClient got ${response.status}`);
      },
    },
    {
      name: "floor: openapi-fetch, timeout and read in a plain fetch wrapper",
      async get() {
        const { data, response } = await floor.GET("/{account}/datasets/{dataset}", { params });
        if (!data) throw new Error(`floor got ${response.status}`);
      },
    },
  ];
}

const decoder = new TextDecoder();

/**
 * One attempt as plainly as it can be written: its own AbortController and timer (the client's
 * default 30 s), the body read and parsed before the timer is cleared, and the parsed value
 * handed to openapi-fetch's `json()`. No retries, limiter, auth, redaction or size limit.
 */
async function timedAndRead(request: Request): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 30_000);
  try {
    const response = await fetch(request, { signal: controller.signal });
    const value: unknown = JSON.parse(decoder.decode(await response.arrayBuffer()));
    Object.defineProperty(response, "json", { value: () => Promise.resolve(value) });
    return response;
  } finally {
    clearTimeout(timer);
  }
}
