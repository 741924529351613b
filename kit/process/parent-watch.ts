// npm does not pass a SIGTERM on: `kill <npm pid>` ends npm and its shell, and the command they
// ran is left running, orphaned, with its servers listening. A command run through npm (an npm
// script or npx, which set npm_lifecycle_event) therefore watches the process that started it,
// and stops as on SIGTERM when it is gone. Outside npm nothing is watched: a command started in
// the background on purpose outlives its shell.

/** Calls `onGone` once when this process's parent has exited; returns a function to stop watching. */
export function whenNpmParentGone(onGone: () => void, env = process.env): () => void {
  if (env["npm_lifecycle_event"] === undefined) return () => {};
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (alive(parent)) return;
    clearInterval(timer);
    onGone();
  }, 250);
  timer.unref();
  return () => clearInterval(timer);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    // ESRCH: no such process. EPERM: its pid now belongs to another user's process.
    return false;
  }
}
