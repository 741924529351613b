// What the simulator holds open on purpose (a slow answer's wait, a stalled body), so that
// `close()` can end every one of them at once and no timer or stream outlives the simulator.

export interface OpenWaits {
  /** Waits `ms` of the machine's time; rejects when `signal` aborts or the simulator closes. */
  wait(ms: number, signal: AbortSignal): Promise<void>;
  /** Registers a way to end something held open; returns a function that unregisters it. */
  hold(end: () => void): () => void;
  /** Ends everything held open. */
  endAll(): void;
}

export function createOpenWaits(): OpenWaits {
  const open = new Set<() => void>();
  const hold = (end: () => void): (() => void) => {
    open.add(end);
    return () => open.delete(end);
  };
  return {
    hold,
    wait: (ms, signal) =>
      new Promise((resolve, reject) => {
        if (signal.aborted) {
          reject(signal.reason);
          return;
        }
        const done = (): void => {
          clearTimeout(timer);
          signal.removeEventListener("abort", onAbort);
          release();
        };
        const onAbort = (): void => {
          done();
          reject(signal.reason);
        };
        const timer = setTimeout(() => {
          done();
          resolve();
        }, ms);
        const release = hold(() => {
          done();
          reject(new Error("the simulator was closed"));
        });
        signal.addEventListener("abort", onAbort, { once: true });
      }),
    endAll() {
      for (const end of [...open]) end();
      open.clear();
    },
  };
}
