// JSON rows with @streamparser/json, fed the text as it arrives: each element of the top-level
// array, one at a time, never the whole array. Loaded on first use, like the CSV parser.
import { ParseFailure, type RecordParser } from "./record-parser.js";

export async function jsonParser(): Promise<RecordParser<unknown>> {
  const { JSONParser } = await import("@streamparser/json");
  // `$.*`: each element of the top-level array; without the stack, nothing above it is kept.
  const parser = new JSONParser({ paths: ["$.*"], keepStack: false });
  let values: unknown[] = [];
  let failure: string | undefined;
  let started = false;
  parser.onValue = ({ value }) => void values.push(value);
  parser.onError = (error) => {
    failure ??= error.message;
  };
  const take = (): unknown[] => {
    if (failure !== undefined) throw new ParseFailure(failure);
    const out = values;
    values = [];
    return out;
  };
  return {
    write(text) {
      if (!started) {
        // Rows come as an array; a top-level object (an error document, a HAL body) is not rows,
        // though `$.*` would read its values as if they were.
        const first = /\S/.exec(text);
        if (first === null) return [];
        if (first[0] !== "[")
          throw new ParseFailure(
            `the body starts with ${JSON.stringify(first[0])}, not "[": it is not an array of rows`,
          );
        started = true;
      }
      parser.write(text);
      return take();
    },
    end() {
      if (!started) throw new ParseFailure("the body holds no JSON");
      // Ending mid-array is reported by the parser itself, through onError.
      if (!parser.isEnded) parser.end();
      return take();
    },
  };
}
