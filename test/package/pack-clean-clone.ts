// Packs the package the way a user's `npm pack` on a fresh clone would: the repository's files
// copied without any build output (tracked files, plus new ones not yet committed), then packed,
// so npm's `prepare` must build everything the tarball ships.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

export const repo = resolve(import.meta.dirname, "../..");

/** A fresh workspace folder holding `clone/` and the tarball packed from it. */
export function packCleanClone(): { workspace: string; tarball: string } {
  const workspace = mkdtempSync(join(tmpdir(), "mode-datasets-package-"));
  const clone = join(workspace, "clone");
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], {
    cwd: repo,
    encoding: "utf8",
  })
    .split("\0")
    .filter((file) => file !== "" && existsSync(join(repo, file)));
  for (const file of files) {
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    cpSync(join(repo, file), join(clone, file));
  }
  // The build needs the dev tools; a clone would have them from `npm ci`.
  symlinkSync(join(repo, "node_modules"), join(clone, "node_modules"));
  const name = execFileSync("npm", ["pack", "--silent", "--pack-destination", workspace], {
    cwd: clone,
    encoding: "utf8",
  })
    .trim()
    .split("\n")
    .pop() as string;
  return { workspace, tarball: join(workspace, name) };
}

/**
 * Unpacks the tarball into `<project>/node_modules/mode-datasets` and links the given packages
 * from this repository's node_modules beside it, so no registry is needed.
 */
export function installTarball(tarball: string, project: string, linked: string[]): void {
  const installed = join(project, "node_modules", "mode-datasets");
  mkdirSync(installed, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"]);
  for (const dep of linked) {
    mkdirSync(dirname(join(project, "node_modules", dep)), { recursive: true });
    symlinkSync(join(repo, "node_modules", dep), join(project, "node_modules", dep));
  }
}
