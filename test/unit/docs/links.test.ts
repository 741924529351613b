// Every relative link in the Markdown of the repository resolves: the file (or folder) it names
// exists, and a `#fragment` names a heading of the page it points to, as GitHub makes their ids.
// The README is a front page that sends readers to docs/ and the folder manuals, so a moved
// section or a renamed heading must not leave a link behind that leads nowhere.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));

/** The Markdown files git knows of (tracked, or new and not ignored). */
function markdownFiles(): string[] {
  return execFileSync("git", ["ls-files", "-co", "--exclude-standard", "*.md"], {
    cwd: root,
    encoding: "utf8",
  })
    .split("\n")
    .filter((file) => file !== "" && existsSync(join(root, file)));
}

/** The text outside fenced code blocks and inline code, where a link is a link. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "");
}

/** The heading ids GitHub gives a page: lowercased, punctuation dropped, spaces as hyphens. */
function headingIds(markdown: string): Set<string> {
  const ids = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, heading] of markdown
    .replace(/^```[\s\S]*?^```/gm, "")
    .matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const base = (heading as string)
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const times = seen.get(base) ?? 0;
    seen.set(base, times + 1);
    ids.add(times === 0 ? base : `${base}-${times}`);
  }
  return ids;
}

/** Each relative link of a page: its target path (empty for a link within the page) and fragment. */
function relativeLinks(markdown: string): { target: string; path: string; fragment: string }[] {
  const links = [];
  for (const [, target] of prose(markdown).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const link = target as string;
    if (/^[a-z][a-z+.-]*:/i.test(link)) continue; // https:, mailto:, ...
    const [path = "", fragment = ""] = link.split("#");
    links.push({ target: link, path: decodeURIComponent(path), fragment });
  }
  return links;
}

describe("links in the Markdown", () => {
  const files = markdownFiles();

  it("finds the README and the docs pages", () => {
    expect(files).toContain("README.md");
    expect(files.filter((file) => file.startsWith("docs/")).length).toBeGreaterThan(3);
  });

  it.each(files)("every relative link in %s resolves", (file) => {
    const markdown = readFileSync(join(root, file), "utf8");
    const broken: string[] = [];
    for (const { target, path, fragment } of relativeLinks(markdown)) {
      const resolved = path === "" ? join(root, file) : join(root, dirname(file), path);
      if (!existsSync(resolved)) {
        broken.push(`${target}: no file ${relative(root, resolved)}`);
        continue;
      }
      if (fragment === "" || !resolved.endsWith(".md") || statSync(resolved).isDirectory())
        continue;
      if (!headingIds(readFileSync(resolved, "utf8")).has(fragment))
        broken.push(`${target}: ${relative(root, resolved)} has no heading #${fragment}`);
    }
    expect(broken).toEqual([]);
  });
});

describe("heading ids", () => {
  it("are made as GitHub makes them", () => {
    const ids = headingIds(
      "# Rows and results\n## `mode-datasets export`\n### One token, several processes: the limit\n## Options\n## Options\n",
    );
    expect([...ids]).toEqual([
      "rows-and-results",
      "mode-datasets-export",
      "one-token-several-processes-the-limit",
      "options",
      "options-1",
    ]);
  });
});
