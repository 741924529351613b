// The options of every command that listens (`mock`, `proxy`, and `npm start`): where to listen
// and which spec to serve, declared once and read once.
import type { OptionsTable } from "./command.js";
import { bundledSpec } from "./package-root.js";

export const serveOptions = {
  port: {
    type: "string",
    short: "p",
    value: "N",
    description: "port to listen on (default 4010, or $PORT; 0 picks a free one)",
  },
  host: { type: "string", value: "H", description: "address to listen on (default 127.0.0.1)" },
  spec: {
    type: "string",
    value: "FILE",
    description: "the OpenAPI file to check against (default: the bundled spec)",
  },
} as const satisfies OptionsTable;

export interface ServeSettings {
  host: string;
  port: number;
  spec: string;
}

/** The defaults applied and the port checked; throws naming a bad port. */
export function serveSettings(
  values: { port?: string; host?: string; spec?: string },
  env: NodeJS.ProcessEnv,
): ServeSettings {
  const port = values.port ?? env["PORT"] ?? "4010";
  const parsed = Number(port);
  if (port.trim() === "" || !Number.isInteger(parsed) || parsed < 0 || parsed > 65_535) {
    throw new Error(`port must be an integer from 0 to 65535, got ${JSON.stringify(port)}`);
  }
  return { host: values.host ?? "127.0.0.1", port: parsed, spec: values.spec ?? bundledSpec };
}
