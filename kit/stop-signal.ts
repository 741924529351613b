// Long-running commands (mock, proxy) end on Ctrl-C or SIGTERM by tidying up and reporting, not
// by dying from the signal, so a person's Ctrl-C is an ordinary, successful end. Run through npm,
// the end of the npm process that started them counts as SIGTERM (see process/parent-watch.ts).
import { whenNpmParentGone } from "./process/parent-watch.js";

/** Resolves with "signal" on SIGINT or SIGTERM, or with Prism's exit when it ends on its own. */
export function untilStopped(
  exited: Promise<number | null>,
): Promise<"signal" | { code: number | null }> {
  return new Promise((resolve) => {
    const done = (result: "signal" | { code: number | null }): void => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      stopWatching();
      resolve(result);
    };
    const onSignal = (): void => done("signal");
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    const stopWatching = whenNpmParentGone(onSignal);
    void exited.then((code) => done({ code }));
  });
}
