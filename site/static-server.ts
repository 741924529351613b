// A minimal read-only file server on loopback, for the docs (`npm start`) and the browser tests.
// node:http only: a dev server dependency would be more code to trust than these lines.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".yaml": "application/yaml; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".map": "application/json; charset=utf-8",
};

export interface StaticServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections and drops open ones; resolves when closed. */
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Default: 127.0.0.1. */
  host?: string;
  /** Default: 0 (a free port chosen by the OS). */
  port?: number;
}

/** Serves the files under `root` (GET and HEAD; `/` is index.html); everything else is 404/405. */
export async function serveDirectory(
  root: string,
  options: ServeOptions = {},
): Promise<StaticServer> {
  const base = resolve(root);
  const host = options.host ?? "127.0.0.1";
  const server: Server = createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = normalize(join(base, pathname.endsWith("/") ? `${pathname}index.html` : pathname));
    // normalize() resolves `..`; anything that lands outside the root is refused.
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403).end();
      return;
    }
    void stat(file)
      .then((info) => info.isFile())
      .catch(() => false)
      .then((isFile) => {
        if (!isFile) {
          res
            .writeHead(404, { "Content-Type": "text/plain; charset=utf-8" })
            .end(`not found: ${pathname}\n`);
          return;
        }
        res.writeHead(200, {
          "Content-Type": contentTypes[extname(file)] ?? "application/octet-stream",
          "Cache-Control": "no-store",
        });
        if (req.method === "HEAD") res.end();
        else createReadStream(file).pipe(res);
      });
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolvePromise());
  });
  const address = server.address();
  if (address === null || typeof address === "string")
    throw new Error(`could not read the address of the server on ${host}`);
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
