// Fails when generated/ is stale: regenerates it from the spec, then asks git whether anything
// changed. (openapi-typescript's own --check can pass a stale file when redocly.yaml names
// several APIs, so we compare with git instead.)
import { execFileSync } from "node:child_process";

execFileSync("npm", ["run", "--silent", "generate"], { stdio: ["ignore", "ignore", "inherit"] });

const changes = execFileSync("git", ["status", "--porcelain", "--", "generated/"], {
  encoding: "utf8",
});
if (changes.trim() !== "") {
  console.error(`generated/ is stale: \`npm run generate\` changed these files:\n${changes}`);
  console.error(
    "Commit the regenerated files (they are built from openapi/, never edited by hand).",
  );
  execFileSync("git", ["--no-pager", "diff", "--stat", "--", "generated/"], { stdio: "inherit" });
  process.exit(1);
}
console.log("generated/ is fresh.");
