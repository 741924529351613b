// Long-running commands (mock, proxy) end on Ctrl-C or SIGTERM by tidying up and reporting, not
// by dying from the signal, so a person's Ctrl-C is an ordinary, successful end.

/** Resolves with "signal" on SIGINT or SIGTERM, or with Prism's exit when it ends on its own. */
export function untilStopped(
  exited: Promise<number | null>,
): Promise<"signal" | { code: number | null }> {
  return new Promise((resolve) => {
    const onSignal = (): void => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      resolve("signal");
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    void exited.then((code) => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      resolve({ code });
    });
  });
}
