// Result content, served at the paths Mode uses before the spec describes them: a run's rows as
// CSV or JSON. Once the spec has these operations, they are routed by it like every other one
// and this table goes. The spec's own routes always win.
import { pathSegments } from "../rules/spec-index.js";
import { resultsContent } from "./handlers/results.js";
import type { Handler } from "./handlers/types.js";

interface UpcomingRoute {
  id: string;
  method: string;
  segments: readonly string[];
  handler: Handler;
}

const route = (id: string, method: string, template: string, handler: Handler): UpcomingRoute => ({
  id,
  method,
  segments: pathSegments(template),
  handler,
});

export const upcomingRoutes: readonly UpcomingRoute[] = [
  route(
    "getRunResultsCsv",
    "GET",
    "/{account}/reports/{report}/runs/{run}/results/content.csv",
    resultsContent("csv"),
  ),
  route(
    "getRunResultsJson",
    "GET",
    "/{account}/reports/{report}/runs/{run}/results/content.json",
    resultsContent("json"),
  ),
];

/** The route and its path parameters, or undefined. */
export function matchUpcoming(
  method: string,
  segments: readonly string[],
): { route: UpcomingRoute; path: Record<string, string> } | undefined {
  for (const r of upcomingRoutes) {
    if (r.method !== method || r.segments.length !== segments.length) continue;
    const path: Record<string, string> = {};
    const fits = r.segments.every((s, i) => {
      const actual = segments[i] ?? "";
      if (/^\{[^{}]+\}$/.test(s)) {
        path[s.slice(1, -1)] = decodeURIComponentSafe(actual);
        return actual !== "";
      }
      return s === actual;
    });
    if (fits) return { route: r, path };
  }
  return undefined;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
