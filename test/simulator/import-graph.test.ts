// What `mode-datasets/simulator` pulls in, read from esbuild's bundle graph of the entry: neither
// Prism nor node:http (nor any other network module), and nothing of the client in src/; and
// the client's own entry pulls in nothing of the kit, so the simulator adds nothing to its bundle.
import { fileURLToPath } from "node:url";
import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

async function graph(
  entry: string,
  platform: "node" | "browser",
): Promise<{ inputs: string[]; imports: string[] }> {
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    platform,
    format: "esm",
    write: false,
    metafile: true,
    logLevel: "silent",
    // Packages stay out of the bundle but are listed as imports, so a Prism import would show.
    packages: "external",
  });
  const metafile = result.metafile as Metafile;
  return {
    inputs: Object.keys(metafile.inputs),
    imports: Object.values(metafile.inputs).flatMap((input) => input.imports.map((i) => i.path)),
  };
}

describe("the simulator's in-process entry", () => {
  it("imports neither Prism nor node:http nor any network module", async () => {
    const { inputs, imports } = await graph("kit/simulator/index.ts", "node");
    expect(inputs).toContain("kit/simulator/engine.ts");
    const network = imports.filter((path) =>
      /^(node:)?(http|https|http2|net|tls|dgram|child_process)$/.test(path),
    );
    expect(network).toEqual([]);
    expect(imports.filter((path) => /prism|@stoplight/i.test(path))).toEqual([]);
    expect(
      inputs.filter((path) =>
        /^kit\/(prism|commands)\/|^kit\/(cli|mock|proxy|contract)\.ts$/.test(path),
      ),
    ).toEqual([]);
  });

  it("does not import the client", async () => {
    const { inputs } = await graph("kit/simulator/index.ts", "node");
    expect(inputs.filter((path) => path.startsWith("src/"))).toEqual([]);
  });
});

describe("the client's entry", () => {
  it("pulls in nothing of the kit, so the simulator adds nothing to its bundle", async () => {
    const { inputs } = await graph("src/index.ts", "browser");
    expect(inputs).toContain("src/index.ts");
    expect(inputs.filter((path) => path.startsWith("kit/"))).toEqual([]);
  });
});
