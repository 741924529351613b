// The snippets `npm start` prints, pointed at the simulator it serves. The curl one is the spec's
// own code sample for listSpaces (x-codeSamples), so the first thing a newcomer pastes is exactly
// what the reference shows; the TypeScript one is a short tour of what only a stateful server can
// show: a filter and paging that work, a rename that reads back, a run that takes time.
const documentedHost = "https://app.mode.com/api";

// biome-ignore lint/suspicious/noExplicitAny: the spec is walked by its OpenAPI shape, untyped on purpose
type Json = any;

export interface FirstRunSnippets {
  /** Shell lines: export any credentials, then the listSpaces curl sample. */
  curl: string;
  /**
   * Shell lines: write build/try-mode.ts (the tour) and run it with tsx. build/ is git-ignored,
   * so trying the snippet leaves the working tree clean, and a file there imports
   * "mode-datasets" by name (the package's own exports, built by `npm start`).
   */
  typeScript: string;
}

function sampleOf(spec: Json, operationId: string, lang: string): string {
  for (const item of Object.values(spec.paths ?? {}) as Json[]) {
    for (const op of Object.values(item) as Json[]) {
      if (op?.operationId !== operationId) continue;
      const sample = (op["x-codeSamples"] ?? []).find((s: Json) => s.lang === lang);
      if (typeof sample?.source === "string") return sample.source.trimEnd();
    }
  }
  throw new Error(
    `the spec has no ${lang} code sample for ${operationId}; see openapi/code_samples/`,
  );
}

/** The tour, for the simulator's API root `baseUrl` (no trailing slash). */
function tour(baseUrl: string): string {
  return `import { createdAfter, createModeDatasets, ModeRunFailedError, orderBy } from "mode-datasets";

// Token and secret come from MODE_API_TOKEN and MODE_API_SECRET; the simulator takes any pair.
const mode = createModeDatasets({ baseUrl: ${JSON.stringify(baseUrl)} });
const account = "northwind";

// A filter and paging: the first Collection's Datasets created since 2024-01-01, oldest first,
// five to a page; the iterator asks for page after page until the listing ends.
const [space] = await mode.spaces.list({ account, filter: "all" });
if (!space) throw new Error("the workspace has no Collection");
const since = "2024-01-01";
const found = [];
for await (const item of mode.datasets.iterateForSpace({
  account,
  space: space.token,
  filter: createdAfter(since),
  ...orderBy("created_at", "asc"),
  per_page: 5,
})) found.push(item);
console.log(\`\${found.length} Datasets in "\${space.name}" created after \${since}, read 5 to a page:\`);
for (const item of found.slice(0, 3)) console.log(\`  \${item.created_at}  \${item.name}\`);
const [dataset] = found;
if (!dataset) throw new Error("no Dataset matched the filter");

// A rename reads back.
await mode.datasets.update({ account, dataset: dataset.token }, { name: \`\${dataset.name} (renamed)\` });
const renamed = await mode.datasets.get({ account, dataset: dataset.token });
console.log(\`renamed: \${renamed.name}\`);

// A run takes time: it starts enqueued and is polled, with a growing wait, until it ends.
const started = await mode.datasets.run({ account, dataset: dataset.token });
console.log(\`run \${started.token}: \${started.state}\`);
try {
  const run = await mode.waitForRun(
    { account, dataset: dataset.token, run: started.token },
    { onPoll: (polled) => console.log(\`  polled: \${polled.state}\`) },
  );
  console.log(\`run \${run.token}: \${run.state}\`);
} catch (error) {
  if (!(error instanceof ModeRunFailedError)) throw error;
  console.log(\`run \${error.run.token}: \${error.run.state} (some Datasets fail whenever they run, as on Mode)\`);
}`;
}

/** Snippets that work against the simulator whose API root is `baseUrl` (no trailing slash). */
export function firstRunSnippets(spec: Json, baseUrl: string): FirstRunSnippets {
  const curl = sampleOf(spec, "listSpaces", "curl").replaceAll(documentedHost, baseUrl);
  if (!curl.includes(baseUrl)) {
    throw new Error(
      `the listSpaces curl sample no longer calls ${documentedHost}; update scripts/start-snippets.ts`,
    );
  }
  // Unindented on purpose: a heredoc's closing EOF must start its line when pasted.
  return {
    curl: `export MODE_API_TOKEN=any-token MODE_API_SECRET=any-secret  # the simulator accepts any pair\n${curl}`,
    typeScript: [
      "mkdir -p build && cat > build/try-mode.ts <<'EOF'",
      tour(baseUrl),
      "EOF",
      "MODE_API_TOKEN=any-token MODE_API_SECRET=any-secret npx tsx build/try-mode.ts",
    ].join("\n"),
  };
}
