// Builds the HTML API reference from the bundled spec with `redocly build-docs`, shared by
// `npm run docs`, `npm start` and the browser test (which rebuilds it before every run).
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const redoclyBin = join(repoRoot, "node_modules", ".bin", "redocly");
const template = join(repoRoot, "site", "template.hbs");
const description =
  "Reference for Mode Analytics' Datasets API and the endpoints around it: runs, Collections, data sources, HAL envelopes, filters, pagination.";

// Redoc CE options (https://redocly.com/docs/redoc/v3.x/config), passed on the command line so
// redocly.yaml stays about the spec itself.
const redocOptions = {
  // Lists every component schema under a "Schemas" group, so readers can browse the models.
  schemaDefinitionsTagName: "Schemas",
  // Redoc CE shows only x-codeSamples whose language is listed here, and the default list has no
  // TypeScript; the order is the order of the tabs.
  codeSamples: { languages: [{ lang: "curl" }, { lang: "TypeScript" }] },
  sortRequiredPropsFirst: true,
};

// Redoc 3's sidebar footer ("API docs by Redocly") loads its logo from Redocly's CDN whatever the
// options say. The page must not touch the network, so the logo becomes an inline image that
// keeps the attribution.
const cdnLogos = [
  "https://cdn.redoc.ly/redoc/logo-mini-full.svg",
  "https://cdn.redoc.ly/redoc/logo-mini.svg",
];
const inlineLogo =
  "data:image/svg+xml," +
  encodeURIComponent(
    "<svg xmlns='http://www.w3.org/2000/svg' width='64' height='16' viewBox='0 0 64 16'>" +
      "<text x='0' y='13' font-family='sans-serif' font-size='13' font-weight='bold' fill='#0044d4'>Redoc</text></svg>",
  );

// In the browser Redoc 3 routes by the fragment (`#/section/authentication`), which works over
// http and from disk alike. But `redocly build-docs` prerenders the page without that router, so
// the prerendered sidebar and heading links are paths (`/section/authentication`), and hydration
// keeps the attributes it finds. A click still worked (the router catches it), but a link opened
// in a new tab, copied, or followed from disk named a file that does not exist. The prerendered
// links become the fragments the router renders itself, so hydration also finds what it expects.
// Only `<a>` tags whose href starts with a single slash match: not `//host`, not the inlined script.
const prerenderedPathLink = /(<a(?:\s+[\w-]+="[^"]*")*?\s+href=")\/(?!\/)/g;

/** Where the page goes: git-ignored, never committed. */
export const docsDir = join(repoRoot, "build", "docs");
export const docsPage = join(docsDir, "index.html");
export const docsTitle = "Mode Datasets API reference";

export interface BuildDocsOptions {
  /** Spec to render. Default: generated/openapi.yaml (the bundle, as Prism serves it). */
  spec?: string;
  /** Output directory. Default: build/docs. */
  outDir?: string;
}

/** Renders the spec to `<outDir>/index.html` next to copies of the bundled spec; returns the page path. */
export async function buildDocs(options: BuildDocsOptions = {}): Promise<string> {
  const spec = options.spec ?? join(repoRoot, "generated", "openapi.yaml");
  const outDir = options.outDir ?? docsDir;
  const page = join(outDir, "index.html");
  await mkdir(outDir, { recursive: true });

  // --inlineBundle embeds Redoc's script in the page: without it the page imports Redoc from
  // Redocly's CDN at view time and shows nothing offline.
  const args = [
    "build-docs",
    spec,
    "--output",
    page,
    "--title",
    docsTitle,
    "--template",
    template,
    `--templateOptions.metaDescription=${description}`,
    `--openapi=${JSON.stringify(redocOptions)}`,
    "--inlineBundle",
  ];
  // REDOCLY_TELEMETRY=off also writes `disableTelemetry: true` into the page, so the page itself
  // never reports to Redocly; the notices (Node version, Redoc 3) are noise for our users.
  const env = {
    ...process.env,
    REDOCLY_TELEMETRY: "off",
    REDOCLY_SUPPRESS_NOTIFICATIONS: "true",
    REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
    NO_COLOR: "1",
  };
  await new Promise<void>((resolve, reject) => {
    execFile(
      redoclyBin,
      args,
      { cwd: repoRoot, env, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`redocly build-docs failed for ${spec}:\n${stdout}${stderr}`));
        else resolve();
      },
    );
  });

  let html = await readFile(page, "utf8");
  for (const logo of cdnLogos) html = html.replaceAll(logo, inlineLogo);
  html = html.replace(prerenderedPathLink, "$1#/");
  await writeFile(page, html);
  assertSelfContained(page, html);
  // Served next to the page so readers (and `npm start`) can fetch the exact spec the page shows,
  // with the JSON twin that `npm run bundle` writes beside generated/openapi.yaml.
  await copyFile(spec, join(outDir, basename(spec)));
  const twin = join(dirname(spec), "openapi.json");
  if (basename(spec) === "openapi.yaml" && existsSync(twin))
    await copyFile(twin, join(outDir, "openapi.json"));
  return page;
}

/** Fails when the page would load a script or stylesheet from elsewhere or report telemetry. */
function assertSelfContained(page: string, html: string): void {
  const remote =
    html.match(/<(?:script|link)\b[^>]*\b(?:src|href)=["']?(?:https?:)?\/\/[^"'\s>]+/gi) ?? [];
  if (remote.length > 0) {
    throw new Error(
      `${page} loads resources from the network (${remote.join(", ")}); it must work offline`,
    );
  }
  const cdn = html.match(/https:\/\/cdn\.redoc\.ly\/[^`"'\s]+/g);
  if (cdn)
    throw new Error(
      `${page} still refers to Redocly's CDN (${cdn.join(", ")}); inline it in docs-builder.ts`,
    );
  if (!html.includes('"disableTelemetry":true')) {
    throw new Error(
      `${page} does not disable Redoc's telemetry; build it with REDOCLY_TELEMETRY=off`,
    );
  }
}
