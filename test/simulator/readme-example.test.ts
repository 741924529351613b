// The README's simulator example runs as written: its code block is taken from the README, its
// package imports pointed at the sources, its `it` run directly, and its own assertions decide.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

it("runs the README's vitest example against the simulator", async () => {
  const readme = readFileSync(`${root}README.md`, "utf8");
  const section = readme.slice(readme.indexOf("## Simulate Mode in your tests"));
  const snippet = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  expect(snippet).toContain('from "mode-datasets/simulator"');
  const runnable = `${(snippet as string)
    .replace(
      'import { expect, it } from "vitest";',
      'import { expect } from "vitest";\nconst runs: Promise<void>[] = [];\nconst it = (_name: string, test: () => Promise<void>): void => {\n  runs.push(test());\n};',
    )
    .replace('"mode-datasets/simulator"', `"${root}kit/simulator/index.ts"`)
    .replace(
      '"mode-datasets"',
      `"${root}src/index.ts"`,
    )}\nexport const finished = Promise.all(runs);\n`;
  const dir = `${root}build/simulator`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/readme-example.ts`, runnable);
  const module = (await import(`${dir}/readme-example.ts`)) as { finished: Promise<unknown> };
  await module.finished;
});
