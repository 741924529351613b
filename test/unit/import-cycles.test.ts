// `npm run check:cycles` fails on an import circle and passes on a tree without one. The
// command is read from package.json and run on small trees written here, so the check that
// `npm test` runs on src/ and kit/ is the one shown to catch a circle.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url);
const script = (
  JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as {
    scripts: Record<string, string>;
  }
).scripts["check:cycles"] as string;
const dpdm = new URL("node_modules/.bin/dpdm", root).pathname;

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

// Resolves `./b.js` to `b.ts` as the repository's own tsconfig.json does.
const tsconfig = { compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext" } };

/** Runs the package's check, with its globs pointed at a tree of `files` in a fresh folder. */
function checkTree(files: Record<string, string>): { status: number | null; output: string } {
  dir = mkdtempSync(join(tmpdir(), "cycles-"));
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const args = script
    .replace(/^dpdm /, "")
    .split(" ")
    .filter((arg) => !arg.startsWith('"'));
  const result = spawnSync(dpdm, [...args, "*.ts"], { cwd: dir, encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("the import-cycle check", () => {
  it("runs dpdm on src and kit", () => {
    expect(script).toMatch(/^dpdm .*--exit-code circular:1/);
    expect(script).toContain('"src/**/*.ts"');
    expect(script).toContain('"kit/**/*.ts"');
  });

  it("fails on a tree where two files import each other through a third", () => {
    const { status, output } = checkTree({
      "a.ts": 'import { b } from "./b.js";\nexport const a = () => b;\n',
      "b.ts": 'import { c } from "./c.js";\nexport const b = () => c;\n',
      "c.ts": 'import { a } from "./a.js";\nexport const c = () => a;\n',
    });
    expect(status, output).toBe(1);
    // The circle is named, from whichever of its files dpdm reached first.
    expect(output).toMatch(/\w\.ts -> \w\.ts -> \w\.ts/);
  });

  it("passes on the same tree once the import that closes the circle is gone", () => {
    const { status, output } = checkTree({
      "a.ts": 'import { b } from "./b.js";\nexport const a = () => b;\n',
      "b.ts": 'import { c } from "./c.js";\nexport const b = () => c;\n',
      "c.ts": "export const c = () => 1;\n",
    });
    expect(status, output).toBe(0);
  });
});
