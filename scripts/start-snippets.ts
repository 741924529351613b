// The snippets `npm start` prints, made from the spec's own code samples (x-codeSamples) so the
// first thing a newcomer pastes is exactly what the reference shows, pointed at the mock.
const documentedHost = "https://app.mode.com/api";

// biome-ignore lint/suspicious/noExplicitAny: the spec is walked by its OpenAPI shape, untyped on purpose
type Json = any;

export interface FirstRunSnippets {
  /** Shell lines: export any credentials, then the getDataset curl sample. */
  curl: string;
  /**
   * Shell lines: write build/try-mode.ts (the listDatasetsForSpace sample) and run it with tsx.
   * build/ is git-ignored, so trying the snippet leaves the working tree clean, and a file there
   * imports "mode-datasets" by name (the package's own exports, built by `npm start`).
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

/** Snippets that work against the mock at `mockUrl` (no trailing slash). */
export function firstRunSnippets(spec: Json, mockUrl: string): FirstRunSnippets {
  const curl = sampleOf(spec, "getDataset", "curl").replaceAll(documentedHost, mockUrl);
  const typeScript = sampleOf(spec, "listDatasetsForSpace", "TypeScript").replace(
    "createModeClient()",
    `createModeClient({ baseUrl: ${JSON.stringify(mockUrl)} })`,
  );
  if (!typeScript.includes(mockUrl)) {
    throw new Error(
      "the listDatasetsForSpace TypeScript sample no longer calls createModeClient(); update scripts/start-snippets.ts",
    );
  }
  // Unindented on purpose: a heredoc's closing EOF must start its line when pasted.
  return {
    curl: `export MODE_API_TOKEN=any-token MODE_API_SECRET=any-secret  # the mock accepts any pair\n${curl}`,
    typeScript: [
      "mkdir -p build && cat > build/try-mode.ts <<'EOF'",
      typeScript,
      "EOF",
      "MODE_API_TOKEN=any-token MODE_API_SECRET=any-secret npx tsx build/try-mode.ts",
    ].join("\n"),
  };
}
