// What the simulator tests share: a simulator on a clock moved by hand (so no test waits, and
// none depends on how busy the machine is), Basic credentials, and Mode's default base URL.
import { createEngine, RESET, type SimulatorEngine } from "../../../kit/simulator/engine.js";
import type { SimulatorOptions } from "../../../kit/simulator/options.js";

export const BASE = "https://app.mode.com/api";

export const basic = (token = "sim-token-1", secret = "sim-secret-1"): string =>
  `Basic ${Buffer.from(`${token}:${secret}`).toString("base64")}`;

export interface HandDriven {
  engine: SimulatorEngine;
  /** Moves the machine's clock on (Mode's clock moves `timeScale` times as far). */
  advance(ms: number): void;
  /** Sends a request with good credentials unless `headers` replaces them; a reset rejects. */
  send(
    method: string,
    path: string,
    init?: { body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  /** GET and parse. */
  // biome-ignore lint/suspicious/noExplicitAny: tests walk bodies by the spec's shape
  json(path: string): Promise<{ status: number; body: any; response: Response }>;
}

export function handDriven(options: SimulatorOptions = {}): HandDriven {
  let now = 0;
  const engine = createEngine(options, { realNow: () => now });
  const send: HandDriven["send"] = async (method, path, init = {}) => {
    const headers: Record<string, string> = {
      authorization: basic(),
      accept: "application/hal+json",
      ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
      ...init.headers,
    };
    for (const [name, value] of Object.entries(headers)) if (value === "") delete headers[name];
    // Text and bytes are sent as they are; anything else as JSON.
    const body: BodyInit | undefined =
      init.body === undefined || typeof init.body === "string"
        ? init.body
        : init.body instanceof Uint8Array
          ? (init.body as Uint8Array<ArrayBuffer>)
          : JSON.stringify(init.body);
    const url = path.startsWith("http") ? path : `${BASE}${path}`;
    const answer = await engine.handle(
      new Request(url, { method, headers, ...(body === undefined ? {} : { body }) }),
    );
    if (answer === RESET) throw new TypeError("fetch failed: connection reset");
    return answer;
  };
  return {
    engine,
    advance: (ms) => {
      now += ms;
    },
    send,
    async json(path) {
      const response = await send("GET", path);
      const text = await response.text();
      return {
        status: response.status,
        body: text === "" ? undefined : JSON.parse(text),
        response,
      };
    },
  };
}
