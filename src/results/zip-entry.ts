// The one CSV inside a ZIP answer, inflated with fflate as the archive arrives. Mode may answer a
// report-level CSV with a ZIP of one CSV per query; a ZIP of one is read as that CSV, and one of
// several is refused, since its files are different tables. Loaded on first use.
import { ParseFailure } from "./record-parser.js";

/** The inflated bytes of the archive's one file, pulled from the archive's bytes. */
export interface ZipEntry {
  /** The next inflated bytes; undefined at the end of the file. */
  read(): Promise<Uint8Array | undefined>;
}

const SLICE = 4096;

/** Whether bytes start like a ZIP archive (a local file header), whatever the Content-Type says. */
export const looksLikeZip = (bytes: Uint8Array): boolean =>
  bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/**
 * `next` gives the archive's bytes (undefined at its end); `several` builds the error for an
 * archive with more than one file, from their names.
 */
export async function zipEntry(
  next: () => Promise<Uint8Array | undefined>,
  several: (names: string[]) => Error,
): Promise<ZipEntry> {
  const { Unzip, UnzipInflate } = await import("fflate");
  const names: string[] = [];
  let inflated: Uint8Array[] = [];
  let failure: unknown;
  const unzip = new Unzip((file) => {
    names.push(file.name);
    if (names.length > 1) return;
    file.ondata = (error, data) => {
      if (error) failure ??= error;
      else if (data.byteLength > 0) inflated.push(data);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  let archiveEnded = false;
  // The archive's bytes not yet pushed: deflate inflates up to about 1,000 times, so they are
  // pushed a small slice per read, and one read makes at most a few MB whatever the archive.
  let compressed: Uint8Array = new Uint8Array(0);
  let at = 0;
  const push = (bytes: Uint8Array, final: boolean): void => {
    try {
      unzip.push(bytes, final);
    } catch (error) {
      failure ??= error;
    }
  };
  return {
    async read() {
      for (;;) {
        if (names.length > 1) throw several(names);
        if (failure !== undefined)
          throw new ParseFailure(
            `a broken ZIP archive: ${failure instanceof Error ? failure.message : String(failure)}`,
          );
        if (inflated.length > 0) {
          const out = inflated.length === 1 ? (inflated[0] as Uint8Array) : concat(inflated);
          inflated = [];
          return out;
        }
        if (at < compressed.byteLength) {
          push(compressed.subarray(at, at + SLICE), false);
          at += SLICE;
        } else if (archiveEnded) {
          // An archive cut inside its file is reported by fflate itself ("invalid zip data").
          if (names.length === 0) throw new ParseFailure("a ZIP archive that holds no file");
          return undefined;
        } else {
          const bytes = await next();
          if (bytes === undefined) {
            archiveEnded = true;
            push(new Uint8Array(0), true);
          } else {
            compressed = bytes;
            at = 0;
          }
        }
      }
    },
  };
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
