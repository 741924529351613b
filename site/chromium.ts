// Picks and launches the Chromium that playwright-core drives, for the docs' screenshot sheet
// (`npm run docs`) and the browser tests. Nothing is downloaded: the last resort is the Chromium
// shipped inside the @sparticuz/chromium package, which `npm ci` installs.
import { execFile } from "node:child_process";
import { accessSync, constants, existsSync, readFileSync, statSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type Browser, chromium } from "playwright-core";

/** A browser to launch, or why there is none. */
export interface ChromiumChoice {
  /** The executable, or null when none was found (see `problem`). */
  executablePath: string | null;
  /** One line for the log: which browser and why it was picked. */
  description: string;
  /** Variables the executable needs on top of the current process's own. */
  env: Record<string, string>;
  /** What was tried, when nothing could be used. */
  problem: string | null;
}

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const npmPackage = "@sparticuz/chromium";
const onPathNames = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

const howToGetChromium = `set CHROMIUM_PATH to a Chrome or Chromium executable, or run npm ci to install the one inside ${npmPackage}`;

const isExecutableFile = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/**
 * CHROMIUM_PATH when set; else, unless CHROMIUM_FROM_NPM=1, a Chrome or Chromium on PATH; else
 * the Chromium inside @sparticuz/chromium. Throws an error listing everything tried.
 */
export async function chooseChromium(): Promise<ChromiumChoice> {
  const override = process.env["CHROMIUM_PATH"];
  const fromNpm = process.env["CHROMIUM_FROM_NPM"] === "1";
  if (override && fromNpm) {
    throw new Error("CHROMIUM_PATH and CHROMIUM_FROM_NPM=1 are both set: choose one");
  }
  if (override) {
    if (!isExecutableFile(override)) {
      throw new Error(`CHROMIUM_PATH=${override} is not an executable file`);
    }
    return choice(override, `${override} (CHROMIUM_PATH)`);
  }

  const tried: string[] = [];
  if (fromNpm) {
    tried.push("the search of PATH (skipped: CHROMIUM_FROM_NPM=1)");
  } else {
    const dirs = (process.env["PATH"] ?? "").split(delimiter).filter(Boolean);
    for (const name of onPathNames) {
      const found = dirs.map((dir) => join(dir, name)).find(isExecutableFile);
      if (found) return choice(found, `${found} (found on PATH)`);
    }
    tried.push(`${onPathNames.join(", ")} on PATH (${dirs.join(delimiter) || "PATH is empty"})`);
  }

  try {
    const { dir, version } = await unpackNpmChromium();
    return choice(join(dir, "chromium"), `Chromium from ${npmPackage} ${version} (${dir})`, {
      // Its own NSS and expat, so a machine without a system browser's libraries can run it.
      LD_LIBRARY_PATH: join(dir, "al2023", "lib"),
      FONTCONFIG_FILE: join(dir, "fonts.conf"),
    });
  } catch (error) {
    tried.push(`the Chromium inside ${npmPackage}: ${(error as Error).message}`);
  }
  throw new Error(`no Chromium found. Tried: ${tried.join("; ")}. To use one, ${howToGetChromium}`);
}

function choice(
  path: string,
  description: string,
  env: Record<string, string> = {},
): ChromiumChoice {
  return { executablePath: path, description, env, problem: null };
}

/**
 * Unpacks the package's Chromium into node_modules/.cache, once per package version. The package
 * would unpack to a fixed /tmp/chromium and reuse whatever is there: a copy cut short by a killed
 * run, another version, or one still being written by a parallel process. So it is unpacked in a
 * child whose TMPDIR is a fresh folder, which is then renamed into place in one step.
 */
async function unpackNpmChromium(): Promise<{ dir: string; version: string }> {
  const packageDir = join(repoRoot, "node_modules", npmPackage);
  if (!existsSync(packageDir)) throw new Error(`${packageDir} is missing: run npm ci`);
  const { version } = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
  const dir = join(repoRoot, "node_modules", ".cache", "mode-datasets", `chromium-${version}`);
  if (existsSync(join(dir, "fonts.conf"))) return { dir, version };

  const partial = `${dir}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  try {
    await promisify(execFile)(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `const { default: c } = await import(${JSON.stringify(npmPackage)}); await c.executablePath();`,
      ],
      {
        cwd: repoRoot,
        // The package unpacks its NSS libraries only where it believes it runs on Amazon Linux
        // 2023, which it reads from this variable.
        env: { ...process.env, TMPDIR: partial, AWS_LAMBDA_JS_RUNTIME: "nodejs20.x" },
      },
    );
    // The package's own fonts.conf names /tmp/fonts; this one names the unpacked copy and keeps
    // the system's fonts where there are any. Written last: its presence marks a complete unpack.
    await writeFile(
      join(partial, "fonts.conf"),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n  <dir>${join(dir, "fonts")}</dir>\n  <cachedir>${join(dir, "fonts-cache")}</cachedir>\n</fontconfig>\n`,
    );
    await rename(partial, dir).catch(async (error: NodeJS.ErrnoException) => {
      // Another process finished first; its copy is as good as ours.
      if (!existsSync(join(dir, "fonts.conf"))) throw error;
    });
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
  return { dir, version };
}

/** Launches the chosen browser headless; chooses one first when none is given. */
export async function launchChromium(chosen?: ChromiumChoice): Promise<Browser> {
  const { executablePath, env, problem } = chosen ?? (await chooseChromium());
  if (executablePath === null) throw new Error(problem ?? "no Chromium was chosen");
  return await chromium.launch({
    executablePath,
    headless: true,
    env: { ...process.env, ...env },
    // Our own flags, not the npm package's list: that one turns off web security, which would let
    // a cross-origin test pass without CORS. The background services would phone home (updates,
    // sync, field trials) and muddy the record of which hosts the page itself contacts.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
