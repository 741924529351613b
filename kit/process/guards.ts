// The guards the kit starts its children under, so that nothing it started outlives it, however
// it ends (Ctrl-C, SIGTERM, a crash, SIGKILL). Each is a few lines of plain JavaScript run with
// `node -e`: no file to find or compile, the same in a clone and in the installed package.
// A guard is the leader of its own process group and holds one end of a pipe whose other end only
// the kit holds; the kernel closes that end when the kit ends in any way, and the guard then
// ends its whole group.

/**
 * Runs Prism in the guard's own process: `node -e PRISM_GUARD <prism entry> <args...>`, stdin a
 * pipe from the kit. Prism never reads stdin, so its end is the kit's end.
 */
export const PRISM_GUARD = `
const [entry, ...args] = process.argv.slice(1);
const end = () => { try { process.kill(-process.pid, "SIGKILL"); } catch { process.exit(1); } };
process.stdin.on("end", end);
process.stdin.on("error", end);
process.stdin.resume();
process.argv = [process.argv[0], entry, ...args];
require(entry);
`;

/**
 * Runs a command in the guard's process group:
 * `node -e COMMAND_GUARD <grace ms> <1: through the shell | 0> <file> <args...>`, with fd 3 a
 * pipe to the kit. The guard writes the command's end to fd 3 as one JSON line
 * (`{"code":0,"signal":null}`, or `{"error":"ENOENT"}`). When the command ends, when the kit's end
 * of fd 3 closes, or when the group is signalled, whatever is left of the group gets SIGTERM and,
 * after the grace period, SIGKILL: children in the background and a shell's later steps too.
 */
export const COMMAND_GUARD = `
const { spawn } = require("node:child_process");
const { readdirSync, readFileSync, existsSync } = require("node:fs");
const { execFileSync } = require("node:child_process");
const net = require("node:net");
const [graceText, shell, file, ...args] = process.argv.slice(1);
const grace = Number(graceText);
const group = process.pid;
const control = new net.Socket({ fd: 3, readable: true, writable: true });
control.on("error", () => {});

function others() {
  if (existsSync("/proc/self/stat")) {
    const pids = [];
    for (const name of readdirSync("/proc")) {
      if (!/^\\d+$/.test(name) || Number(name) === group) continue;
      try {
        const stat = readFileSync("/proc/" + name + "/stat", "utf8");
        const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        if (Number(pgrp) === group && state !== "Z") pids.push(Number(name));
      } catch {}
    }
    return pids;
  }
  return execFileSync("ps", ["-A", "-o", "pid=,pgid=,stat="], { encoding: "utf8" })
    .split("\\n").map((line) => line.trim().split(/\\s+/))
    .filter(([pid, pgid, stat]) => Number(pgid) === group && Number(pid) !== group && stat && !stat.startsWith("Z"))
    .map(([pid]) => Number(pid));
}

let childDone = false;
let deadline;
function finish() {
  deadline ??= Date.now() + grace;
  const rest = others();
  if (childDone && rest.length === 0) process.exit(0);
  if (Date.now() >= deadline) {
    for (const pid of rest) { try { process.kill(pid, "SIGKILL"); } catch {} }
  }
  setTimeout(finish, 50);
}
let ending = false;
function endGroup(sendTerm) {
  if (sendTerm) { try { process.kill(-group, "SIGTERM"); } catch {} }
  if (ending) return;
  ending = true;
  finish();
}
function report(result) {
  childDone = true;
  control.write(JSON.stringify(result) + "\\n", () => endGroup(true));
}

// A signal to the group reaches the guard too: the command has it already; start the clock.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => endGroup(false));
control.on("end", () => endGroup(true));
control.on("close", () => endGroup(true));
control.resume();

const child = spawn(file, args, { stdio: "inherit", shell: shell === "1" });
child.on("error", (error) => report({ error: error.code || error.message }));
child.on("exit", (code, signal) => report({ code, signal }));
`;
