// Options shared by `mode-datasets mock` and `proxy`: --port (or PORT), --host, --spec.
import { bundledSpec } from "../package-root.js";

/** The --help lines for the options parsed here. */
export const serveOptionsHelp = `Options:
  --port N, -p N   port to listen on (default 4010, or $PORT; 0 picks a free one)
  --host H         address to listen on (default 127.0.0.1)
  --spec FILE      the OpenAPI file to check against (default: the bundled spec)`;

export interface ServeArgs {
  host: string;
  port: number;
  spec: string;
  positionals: string[];
}

/** Parses `[--port N] [--host H] [--spec FILE] [positionals...]`; throws naming the bad value. */
export function parseServeArgs(argv: readonly string[], env: NodeJS.ProcessEnv): ServeArgs {
  let port = env["PORT"] ?? "4010";
  let host = "127.0.0.1";
  let spec = bundledSpec;
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] = arg.startsWith("--") ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value`);
      return v;
    };
    if (name === "--port" || name === "-p") port = value();
    else if (name === "--host") host = value();
    else if (name === "--spec") spec = value();
    else if (arg.startsWith("-")) throw new Error(`unknown option ${arg}`);
    else positionals.push(arg);
  }
  const parsed = Number(port);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65_535) {
    throw new Error(`port must be an integer from 0 to 65535, got ${JSON.stringify(port)}`);
  }
  return { host, port: parsed, spec, positionals };
}
