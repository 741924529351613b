// The client must run in browsers too (tsconfig.build.json has `types: []`), so `process` is
// reached through globalThis with a local type instead of @types/node.
interface EnvHost {
  process?: { env?: Record<string, string | undefined> };
}

/** Reads an environment variable where one exists (Node, Deno, Bun); undefined in browsers. */
export function readEnv(name: string): string | undefined {
  return (globalThis as EnvHost).process?.env?.[name];
}
