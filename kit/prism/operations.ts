// Names the operation a request was aimed at, so violation reports say `updateDataset` rather
// than `PATCH /acme/datasets/8f2c...`. Reads the same spec file Prism serves.
import { readFileSync } from "node:fs";
import { parse } from "yaml";

/** operationId of the operation `method path` is aimed at, or null when none matches. */
export type OperationMatcher = (method: string, path: string) => string | null;

const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

interface Route {
  method: string;
  pattern: RegExp;
  literalSegments: number;
  operationId: string;
}

function templateToRegExp(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith("{") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}/?$`);
}

/** Builds a matcher from a spec file (YAML or JSON). */
export function loadOperationMatcher(specFile: string): OperationMatcher {
  const spec = parse(readFileSync(specFile, "utf8")) as {
    paths?: Record<string, Record<string, { operationId?: string } | undefined>>;
  };
  const routes: Route[] = [];
  for (const [template, item] of Object.entries(spec.paths ?? {})) {
    for (const method of methods) {
      const operation = item[method];
      if (!operation) continue;
      routes.push({
        method: method.toUpperCase(),
        pattern: templateToRegExp(template),
        // A literal segment beats a parameter, as in Prism's own routing.
        literalSegments: template.split("/").filter((s) => s && !s.startsWith("{")).length,
        operationId: operation.operationId ?? `${method.toUpperCase()} ${template}`,
      });
    }
  }
  routes.sort((a, b) => b.literalSegments - a.literalSegments);
  return (method, path) => {
    const pathOnly = path.split("?")[0] ?? path;
    const upper = method.toUpperCase();
    return routes.find((r) => r.method === upper && r.pattern.test(pathOnly))?.operationId ?? null;
  };
}
