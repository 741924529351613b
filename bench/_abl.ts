import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import { createModeClient } from "../src/index.js";
import { createErrorMiddleware } from "../src/error-middleware.js";
import { createAuthMiddleware } from "../src/auth-middleware.js";
import { linkSignals } from "../src/abort.js";
import { startServer } from "./server-process.js";
import { median, rate } from "./stats.js";
const conc = Number(process.argv[2] ?? 1); const list = process.argv[3] === "list";
const s = await startServer();
const params = list ? { path: { account: "a", space: "items-300" }, query: { per_page: 30, page: 2 } } : { path: { account: "a", dataset: "d" } };
const path = (list ? "/{account}/spaces/{space}/datasets" : "/{account}/datasets/{dataset}") as any;
const mk = (c: any) => async () => { const { data } = await c.GET(path, { params }); if (!data) throw new Error("x"); };
const headers = { Accept: "application/hal+json", Authorization: "Basic " + btoa("t:s") };
const bare = (fetch?: any, ...mw: Middleware[]) => { const c = createClient<paths>({ baseUrl: s.origin, headers, ...(fetch ? { fetch } : {}) }); if (mw.length) c.use(...mw); return c; };
const ctOnly: Middleware = { onResponse({ response }) { if (response.ok && response.status !== 204 && !/json/.test(response.headers.get("content-type") ?? "")) throw new Error("not json"); return undefined; } };
const v: [string, () => Promise<void>][] = [
  ["openapi-fetch bare", mk(bare())],
  ["+ fetch(new Request(req.clone(), {signal}))", mk(bare((r: Request) => fetch(new Request(r.clone(), { signal: new AbortController().signal }))))],
  ["+ fetch(new Request(req, {signal}))", mk(bare((r: Request) => fetch(new Request(r, { signal: new AbortController().signal }))))],
  ["+ 2 controllers, linkSignals, setTimeout", mk(bare(async (r: Request) => { const t = new AbortController(); const l = linkSignals([r.signal, t.signal]); const h = setTimeout(() => t.abort(), 30000); try { return await fetch(r); } finally { clearTimeout(h); l.dispose(); } }))],
  ["+ buffer body into new Response", mk(bare(async (r: Request) => { const res = await fetch(r); const b = await res.arrayBuffer(); return new Response(b, { status: res.status, statusText: res.statusText, headers: res.headers }); }))],
  ["+ error middleware (clone, text, JSON.parse)", mk(bare(undefined, createErrorMiddleware()))],
  ["+ content-type check middleware instead", mk(bare(undefined, ctOnly))],
  ["+ auth middleware", mk(bare(undefined, createAuthMiddleware(() => ({ token: "t", secret: "s" }), "x")))],
  ["createModeClient (unthrottled)", mk(createModeClient({ baseUrl: s.origin, token: "t", secret: "s", rateLimit: { requests: 100000, intervalMs: 1000 } }))],
  ["createModeClient, rateLimit/retry/timeout off", mk(createModeClient({ baseUrl: s.origin, token: "t", secret: "s", rateLimit: false, retry: false, timeoutMs: false }))],
];
const n = list ? 150 : conc === 1 ? 300 : 1000;
try {
  for (const [, f] of v) await rate(f, n, conc);
  const res = v.map(() => [] as number[]); const abs = v.map(() => [] as number[]);
  for (let r = 0; r < 11; r++) { const order = v.map((_, i) => (i + r) % v.length); const x: number[] = []; for (const i of order) x[i] = await rate(v[i]![1], n, conc); v.forEach((_, i) => { res[i]!.push(x[i]! / x[0]!); abs[i]!.push(x[i]!); }); }
  v.forEach(([name], i) => console.log(name.padEnd(50), median(abs[i]!).toFixed(0).padStart(6), median(res[i]!).toFixed(3)));
} finally { await s.stop(); }
