// `--html FILE`: one self-contained page, a timeline of the client's requests against the
// rate-limit window, drawn as SVG on the server side so it needs no script, no font and no
// network: how many requests each credential sent in the last window against the limit, every
// request as a tick (reads, listings, polls, writes, 429s, faults), each 429's Retry-After pause
// as a band, each finding marked where its evidence lies, and the findings listed below.
import type { ConductFinding } from "../conduct/types.js";
import type { SimulatorEngine } from "../engine.js";
import type { SimulatorReport } from "./build.js";
import type { TimelineEntry } from "./timeline.js";

const WIDTH = 1200;
const LEFT = 150;
const RIGHT = 20;
const PLOT = WIDTH - LEFT - RIGHT;

/** HTML text and attribute values; control characters (bar tab and line breaks) become U+FFFD. */
const esc = (text: string): string =>
  [...text]
    .map((c) => {
      const code = c.charCodeAt(0);
      if (code < 32 && c !== "\t" && c !== "\n" && c !== "\r") return "\uFFFD";
      return /[&<>"']/.test(c) ? `&#${code};` : c;
    })
    .join("");

const COLORS = {
  read: "#8a94a6",
  listing: "#1b998b",
  poll: "#7b3fbf",
  write: "#2364d2",
  limited: "#d62839",
  fault: "#f18f01",
  error: "#d62839",
  warning: "#e0a100",
} as const;

const colorOf = (e: TimelineEntry): string =>
  e.status === 429
    ? COLORS.limited
    : e.status === "reset" || (typeof e.status === "number" && e.status >= 500) || e.fault
      ? COLORS.fault
      : COLORS[e.kind];

const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

/** How many requests each credential had sent within the window ending at each sample time. */
function windowCounts(
  entries: readonly TimelineEntry[],
  windowMs: number,
  samples: readonly number[],
): Map<string, Array<[number, number]>> {
  const byCredential = new Map<string, number[]>();
  for (const e of entries) {
    const key = e.credential ?? "(no credential)";
    const times = byCredential.get(key) ?? [];
    times.push(e.t);
    byCredential.set(key, times);
  }
  const out = new Map<string, Array<[number, number]>>();
  for (const [credential, times] of byCredential) {
    times.sort((a, b) => a - b);
    let from = 0;
    let to = 0;
    out.set(
      credential,
      samples.map((t): [number, number] => {
        while (to < times.length && (times[to] ?? 0) <= t) to++;
        while (from < to && (times[from] ?? 0) <= t - windowMs) from++;
        return [t, to - from];
      }),
    );
  }
  return out;
}

export function timelinePage(engine: SimulatorEngine, report: SimulatorReport): string {
  const timeline = engine.timeline();
  const entries = timeline.entries();
  const span = Math.max(1_000, ...entries.map((e) => e.t + Math.max(0, e.took)));
  const x = (t: number): number => LEFT + (Math.max(0, t) / span) * PLOT;
  // The report is redacted already; the timeline's URLs are redacted here, by the same rules.
  const redactor = engine.redactor();
  const url = (e: TimelineEntry): string => redactor.url(e.url);
  const limit = timeline.limit;

  // Lane 1: requests per window, per credential, against the limit.
  // The count at 600 moments across the page (and at each request), so the line falls as
  // requests leave the window, not only when the next request comes.
  const samples = [
    ...new Set([
      ...Array.from({ length: 601 }, (_, i) => (span * i) / 600),
      ...entries.map((e) => e.t),
    ]),
  ].sort((a, b) => a - b);
  const counts = windowCounts(entries, timeline.windowMs, samples);
  const peak = Math.max(limit * 1.25, ...[...counts.values()].flat().map(([, n]) => n));
  const rateTop = 40;
  const rateHeight = 160;
  const y = (n: number): number => rateTop + rateHeight - (n / peak) * rateHeight;
  const lineColors = ["#2364d2", "#1b998b", "#7b3fbf", "#f18f01", "#444"];
  const lines = [...counts].slice(0, lineColors.length).map(([credential, points], i) => {
    const d = points
      .map(([t, n], j) => `${j === 0 ? "M" : "L"}${x(t).toFixed(1)},${y(n).toFixed(1)}`)
      .join(" ");
    return `<path class="rate" d="${d}" stroke="${lineColors[i]}"><title>${esc(credential)}: requests in the last ${timeline.windowMs / 1000} s</title></path>`;
  });

  // Lane 2: every request as a tick; lane 3: Retry-After pauses; lane 4: findings.
  const ticksTop = rateTop + rateHeight + 40;
  const ticks = entries.map((e) => {
    const tall = e.status === 429 || e.kind === "write" || e.fault !== null;
    return `<line class="tick" x1="${x(e.t).toFixed(1)}" x2="${x(e.t).toFixed(1)}" y1="${ticksTop + (tall ? 0 : 10)}" y2="${ticksTop + 40}" stroke="${colorOf(e)}"><title>#${e.seq} at ${seconds(e.t)}: ${esc(e.method)} ${esc(url(e))} → ${e.status}${e.fault ? ` (fault: ${e.fault})` : ""}${e.credential ? ` [${esc(e.credential)}]` : ""}</title></line>`;
  });
  const pausesTop = ticksTop + 60;
  const pauses = entries
    .filter((e) => e.status === 429 && e.retryAfterMs !== null)
    .map((e) => {
      const x1 = x(e.t);
      const x2 = x(e.t + (e.retryAfterMs ?? 0));
      return `<rect class="pause" x="${x1.toFixed(1)}" y="${pausesTop}" width="${Math.max(1, x2 - x1).toFixed(1)}" height="24"><title>#${e.seq}: 429 asking to wait ${seconds(e.retryAfterMs ?? 0)}</title></rect>`;
    });
  const findingsTop = pausesTop + 44;
  const markers = report.findings.flatMap((f, i) =>
    f.evidence.map((e) => {
      const cx = x(e.t);
      const color = f.severity === "error" ? COLORS.error : COLORS.warning;
      const row = findingsTop + (i % 4) * 14;
      return `<a href="#finding-${i + 1}"><path class="finding ${f.severity}" d="M${cx.toFixed(1)},${row} l5,10 l-10,0 z" fill="${color}"><title>${esc(`${i + 1}. ${f.rule}: #${e.seq} ${e.method} ${e.url}${e.note ? ` (${e.note})` : ""}`)}</title></path></a>`;
    }),
  );
  const height = findingsTop + 4 * 14 + 40;
  const axisTicks = Array.from({ length: 11 }, (_, i) => (span * i) / 10).map(
    (t, i) =>
      `<line x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="${rateTop}" y2="${height - 30}" class="grid"/><text x="${x(t).toFixed(1)}" y="${height - 12}" class="axis" text-anchor="${i === 0 ? "start" : i === 10 ? "end" : "middle"}">${seconds(t)}</text>`,
  );
  const limitLine = `<line x1="${LEFT}" x2="${LEFT + PLOT}" y1="${y(limit).toFixed(1)}" y2="${y(limit).toFixed(1)}" class="limit"/><text x="${LEFT + PLOT}" y="${(y(limit) - 4).toFixed(1)}" class="limit-label" text-anchor="end">limit: ${limit} per ${timeline.windowMs / 1000} s</text>`;
  const overLimit = `<rect x="${LEFT}" y="${rateTop}" width="${PLOT}" height="${(y(limit) - rateTop).toFixed(1)}" class="over"/>`;
  const laneLabels = [
    [rateTop + rateHeight / 2, `requests in the last ${timeline.windowMs / 1000} s`],
    [ticksTop + 24, "requests"],
    [pausesTop + 16, "Retry-After pauses"],
    [findingsTop + 20, "findings"],
  ]
    .map(
      ([top, label]) =>
        `<text x="${LEFT - 10}" y="${top}" class="lane" text-anchor="end">${label}</text>`,
    )
    .join("");

  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="Timeline of the client's requests">
${overLimit}${axisTicks.join("")}${limitLine}${laneLabels}
<g id="rate">${lines.join("")}</g>
<g id="requests">${ticks.join("")}</g>
<g id="pauses">${pauses.join("")}</g>
<g id="findings">${markers.join("")}</g>
</svg>`;

  const legend = [
    ["read", COLORS.read],
    ["listing page", COLORS.listing],
    ["run poll", COLORS.poll],
    ["write", COLORS.write],
    ["429", COLORS.limited],
    ["fault (5xx, reset, stall, slow)", COLORS.fault],
  ]
    .map(([label, color]) => `<span><i style="background:${color}"></i>${label}</span>`)
    .join("");

  const findingList =
    report.findings.length === 0
      ? '<p class="none">No findings: the client kept to every rule.</p>'
      : `<ol class="findings">${report.findings.map((f, i) => findingItem(f, i)).join("")}</ol>`;
  const shown =
    entries.length < timeline.total()
      ? `<p class="note">Showing the last ${entries.length} of ${timeline.total()} requests.</p>`
      : "";
  const ws = report.workspace;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>mode-datasets simulate: ${report.verdict}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1d2330;background:#fff}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px}
.verdict{display:inline-block;padding:2px 10px;border-radius:4px;color:#fff;font-weight:600;text-transform:uppercase}
.verdict.pass{background:#1b998b}.verdict.fail{background:#d62839}
.facts{color:#556;margin:4px 0 16px}.note,.none{color:#556}
.legend span{margin-right:16px;white-space:nowrap}.legend i{display:inline-block;width:10px;height:10px;margin-right:5px;border-radius:2px}
.chart{overflow-x:auto;border:1px solid #dde;border-radius:6px;padding:8px 0}
svg text{font:11px system-ui,sans-serif;fill:#556}
.rate{fill:none;stroke-width:1.5}.limit{stroke:#d62839;stroke-dasharray:6 4}.limit-label{fill:#d62839}
.over{fill:#d62839;opacity:.06}.grid{stroke:#eef}.tick{stroke-width:1.2}.pause{fill:#d62839;opacity:.22}
.findings li{margin-bottom:14px}.findings .error{color:#d62839}.findings .warning{color:#a87700}
table{border-collapse:collapse;margin-top:6px;font-size:12px}td,th{border-bottom:1px solid #eef;padding:2px 8px;text-align:left;vertical-align:top}
code{font:12px ui-monospace,Menlo,Consolas,monospace;word-break:break-all}
</style></head>
<body>
<h1>mode-datasets simulate <span class="verdict ${report.verdict}">${report.verdict}</span></h1>
<p class="facts">${report.requests.total} request(s) over ${seconds(report.simulatedMs)} of Mode's time · workspace ${esc(ws.account)} (seed ${ws.seed}, ${ws.collections} Collections, ${ws.datasets} Datasets) · time scale ${ws.timeScale}${ws.faults ? ` · faults ${esc(ws.faults)}` : ""}${report.strict ? " · strict" : ""}</p>
${report.reasons.map((r) => `<p class="reason">FAIL: ${esc(r)}</p>`).join("")}
<p class="legend">${legend}</p>
<div class="chart">${svg}</div>
${shown}
<h2>Findings</h2>
${findingList}
</body></html>
`;
}

function findingItem(f: ConductFinding, i: number): string {
  const rows = f.evidence
    .map(
      (e) =>
        `<tr><td>#${e.seq}</td><td>${(e.t / 1000).toFixed(2)} s</td><td><code>${esc(e.method)} ${esc(e.url)}</code></td><td>${e.status}</td><td>${esc(e.note ?? "")}</td></tr>`,
    )
    .join("");
  return `<li id="finding-${i + 1}"><strong class="${f.severity}">${f.severity}</strong> <code>${esc(f.rule)}</code><br>${esc(f.message)}
<table><thead><tr><th>request</th><th>Mode's time</th><th>sent</th><th>status</th><th></th></tr></thead><tbody>${rows}</tbody></table></li>`;
}
