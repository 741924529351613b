import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { base64Utf8 } from "../../../src/internal/base64.js";

describe("base64Utf8", () => {
  it("encodes ascii like rfc 7617's example", () => {
    expect(base64Utf8("Aladdin:open sesame")).toBe("QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  });

  it("encodes the utf-8 bytes of non-ascii text", () => {
    expect(base64Utf8("test:123£")).toBe("dGVzdDoxMjPCow==");
  });

  it("agrees with node's buffer for any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 64 }), (text) => {
        expect(base64Utf8(text)).toBe(Buffer.from(text, "utf8").toString("base64"));
      }),
    );
  });
});
