// What the CSV and JSON readers share: text goes in as it arrives, complete records come out.

/** A streaming parser: each call hands back the records the text so far completes. */
export interface RecordParser<T> {
  write(text: string): T[];
  /** The end of the text: the last records, or a throw when the text ends mid-record. */
  end(): T[];
}

/** Why a parser refused its text, in words; the reader adds where the body was. */
export class ParseFailure extends Error {
  override name = "ParseFailure";
}
