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
 * The same GET three ways. Raw fetch sends the same headers and parses the JSON too, so the
 * ratios show what openapi-fetch and our layers add, not the cost of JSON. The order is fixed
 * (raw fetch, openapi-fetch, createModeClient): overhead.ts computes ratios by position.
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
  ];
}
