// HTTP Basic with an empty (or blank) user or password, such as `Basic Og==`, which is `:`.
// Mode's API token is the user and its secret the password, and neither is ever empty, so such a
// client read its credentials from an unset variable. Prism only checks that the decoded text has
// one colon. A missing header, another scheme or no colon at all is left to Prism, which already
// answers 401 for those.
import { Buffer } from "node:buffer";
import type { Rule } from "./types.js";

export const blankBasicCredentials: Rule = {
  id: "blank-basic-credentials",
  severity: "error",
  summary: "HTTP Basic credentials whose user (API token) or password (API secret) is blank",
  check: ({ request, operation }) => {
    if (!operation?.basicAuth) return [];
    const [scheme, token] = (request.header("authorization") ?? "").trim().split(/\s+/);
    if (scheme?.toLowerCase() !== "basic" || !token) return [];
    const decoded = Buffer.from(token, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return [];
    const blank = [
      decoded.slice(0, colon).trim() === "" ? "user (the API token)" : undefined,
      decoded.slice(colon + 1).trim() === "" ? "password (the API secret)" : undefined,
    ].filter((part): part is string => part !== undefined);
    if (blank.length === 0) return [];
    return [
      {
        location: "request.header.authorization",
        message: `Basic credentials with a blank ${blank.join(" and a blank ")}: was it read from an unset variable?`,
      },
    ];
  },
};
