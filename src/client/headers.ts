/**
 * Headers refused before anything is sent. Header injection: a CR or LF in a value could start
 * a new header or a new request. The value is never echoed: custom headers often carry keys.
 */
export function checkHeaders(
  headers: Record<string, string>,
  what = "Header",
): Record<string, string> {
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== "string") {
      throw new TypeError(
        `${what} ${JSON.stringify(name)} has type ${typeof value}; expected a string`,
      );
    }
    if (/[\r\n]/.test(value) || /[\r\n]/.test(name)) {
      throw new TypeError(
        `${what} ${JSON.stringify(name)} contains CR or LF; expected a single-line name and value`,
      );
    }
  }
  return headers;
}
