// Where a text stops being JSON, and what was expected there. `JSON.parse` decides whether a
// body is JSON; this only finds the place when it is not, because V8's messages name no offset
// and quote the body (which may hold a secret). It walks the text without recursion, so no
// nesting depth can overflow the stack, and builds no values.

export interface JsonSyntaxError {
  /** Index in the text (UTF-16 code units) where the JSON goes wrong. */
  at: number;
  /** What JSON allows there, in words. */
  expected: string;
}

type State = "value" | "value-or-]" | "name" | "name-or-}" | ":" | "after-value";

const ANY_VALUE = "a value (an object, array, string, number, `true`, `false` or `null`)";
const NAME = "a property name in double quotes";
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/** The end of the string starting at `start` (a `"`), or where and why it is not one. */
function scanString(text: string, start: number): number | JsonSyntaxError {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c === 0x5c) {
      ESCAPE.lastIndex = i;
      if (!ESCAPE.test(text)) {
        return { at: i, expected: 'an escape such as `\\n`, `\\"` or `\\u00e9` after `\\`' };
      }
      i = ESCAPE.lastIndex;
      continue;
    }
    if (c < 0x20) return { at: i, expected: "a control character escaped inside a string" };
    i += 1;
  }
  return { at: start, expected: 'a string closed by `"` before the end of the body' };
}

const expectedIn: Record<State, string> = {
  value: ANY_VALUE,
  "value-or-]": `${ANY_VALUE} or \`]\``,
  name: NAME,
  "name-or-}": `${NAME} or \`}\``,
  ":": "`:` after the property name",
  "after-value": "the end of the body",
};

/** Where and why `text` is not JSON; undefined when this walk finds nothing wrong. */
export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const closers: string[] = [];
  let state: State = "value";
  let i = 0;
  while (true) {
    while (i < text.length && " \t\n\r".includes(text.charAt(i))) i += 1;
    const c = text.charAt(i);
    if (i >= text.length) {
      if (state === "after-value" && closers.length === 0) return undefined;
      const open = closers.at(-1);
      const expected = state === "after-value" && open ? `\`,\` or \`${open}\`` : expectedIn[state];
      return { at: i, expected: `${expected}, not the end of the body` };
    }
    if (state === "after-value") {
      const open = closers.at(-1);
      if (!open) return { at: i, expected: "the end of the body after the JSON value" };
      if (c === ",") state = open === "]" ? "value" : "name";
      else if (c === open) closers.pop();
      else return { at: i, expected: `\`,\` or \`${open}\`` };
      i += 1;
      continue;
    }
    if (state === ":") {
      if (c !== ":") return { at: i, expected: expectedIn[":"] };
      state = "value";
      i += 1;
      continue;
    }
    if ((state === "value-or-]" && c === "]") || (state === "name-or-}" && c === "}")) {
      closers.pop();
      state = "after-value";
      i += 1;
      continue;
    }
    if (state === "name" || state === "name-or-}") {
      if (c !== '"') return { at: i, expected: expectedIn[state] };
      const end = scanString(text, i);
      if (typeof end !== "number") return end;
      state = ":";
      i = end;
      continue;
    }
    // A value.
    if (c === "{" || c === "[") {
      closers.push(c === "{" ? "}" : "]");
      state = c === "{" ? "name-or-}" : "value-or-]";
      i += 1;
      continue;
    }
    if (c === '"') {
      const end = scanString(text, i);
      if (typeof end !== "number") return end;
      i = end;
    } else if (text.startsWith("true", i) || text.startsWith("null", i)) {
      i += 4;
    } else if (text.startsWith("false", i)) {
      i += 5;
    } else {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) return { at: i, expected: expectedIn[state] };
      i = NUMBER.lastIndex;
    }
    state = "after-value";
  }
}
