// CSV records with papaparse, fed the text as it arrives: each record an array of fields, in
// the body's order. papaparse is loaded on first use, so a client that never reads rows never
// loads it.
import { ParseFailure, type RecordParser } from "./record-parser.js";

type Listener = (chunk?: string) => void;

// papaparse re-reads an unfinished record from its start each time text is fed, so a very long
// one would cost the square of its length. Past this many characters without a record, text is
// held back until it at least doubles what is pending: the total work stays linear.
const HOLD_BACK_FROM = 1024 * 1024;

export async function csvParser(): Promise<RecordParser<string[]>> {
  const loaded = await import("papaparse");
  // A CommonJS module: its exports arrive as `default`, or (some bundlers) as the module itself.
  const Papa = loaded.default ?? (loaded as unknown as typeof loaded.default);
  let records: string[][] = [];
  let failure: string | undefined;
  const listeners: Record<string, Listener> = {};
  // papaparse streams from anything shaped like a Node stream: it listens for `data` and `end`,
  // which are emitted here as the text arrives. It parses synchronously inside each emit.
  const input = {
    readable: true,
    read: () => undefined,
    on(event: string, listener: Listener) {
      listeners[event] = listener;
    },
    removeListener: () => undefined,
    pause: () => undefined,
    resume: () => undefined,
  };
  Papa.parse(input as never, {
    delimiter: ",",
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
    step(result: Papa.ParseStepResult<string[]>) {
      const [error] = result.errors;
      if (error && failure === undefined)
        failure = `${error.message} (${error.code}) in record ${records.length + 1} of this read`;
      records.push(result.data);
    },
  });
  let held: string[] = [];
  let heldLength = 0;
  let pending = 0;
  const feed = (emit: () => void): string[][] => {
    emit();
    if (failure !== undefined) throw new ParseFailure(failure);
    const out = records;
    records = [];
    return out;
  };
  return {
    write(text) {
      held.push(text);
      heldLength += text.length;
      if (pending > HOLD_BACK_FROM && heldLength < pending) return [];
      const joined = held.length === 1 ? (held[0] as string) : held.join("");
      held = [];
      heldLength = 0;
      const out = feed(() => listeners["data"]?.(joined));
      pending = out.length > 0 ? 0 : pending + joined.length;
      return out;
    },
    end() {
      const rest = held.join("");
      held = [];
      return feed(() => {
        if (rest !== "") listeners["data"]?.(rest);
        listeners["end"]?.();
      });
    },
  };
}
