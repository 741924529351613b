// The validating mock as the kit serves it (`mode-datasets mock`, `npm start`): Prism's mock on a
// private loopback port, behind the front layer on the port people use, which refuses dot
// segments and oversized bodies and makes `Prefer: code=N` work whatever Accept a client sends.
import { startFront } from "./front/front.js";
import { portFree, startPrism, type PrismServer } from "./prism/launcher.js";
import { loadSpec } from "./spec-file.js";

export interface MockServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** The spec file. */
  spec: string;
  maxBodyBytes: number;
  /** Prism's log, chunk by chunk. */
  onLog?: (chunk: string) => void;
}

export interface MockServer {
  /** Where clients send requests. */
  readonly baseUrl: string;
  readonly prism: PrismServer;
  /** Stops taking requests, gives open ones `graceMs`, then stops Prism. */
  stop(graceMs: number): Promise<void>;
}

const portTaken = (port: number, host: string): Error =>
  new Error(`port ${port} on ${host} is already in use (another mock?); choose another port`);

export async function startMockServer(options: MockServerOptions): Promise<MockServer> {
  const { host, port } = options;
  if (port !== 0 && !(await portFree(host, port))) throw portTaken(port, host);
  const document = await loadSpec(options.spec);
  const prism = await startPrism({
    mode: "mock",
    document: options.spec,
    ...(options.onLog ? { onLog: options.onLog } : {}),
  });
  try {
    const front = await startFront({
      mode: "mock",
      prism: prism.baseUrl,
      spec: document,
      host,
      port,
      maxBodyBytes: options.maxBodyBytes,
    });
    return {
      baseUrl: front.baseUrl,
      prism,
      async stop(graceMs) {
        await front.close(graceMs);
        await prism.stop();
      },
    };
  } catch (error) {
    await prism.stop();
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") throw portTaken(port, host);
    throw error;
  }
}
