// Where a byte string stops being UTF-8. `TextDecoder` with `fatal` says whether it is, but not
// where it stops; a finding that names the byte lets the client's author find the bad input.

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The bytes as text, or the offset of the first byte that begins no UTF-8 character. */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { invalidAt: number } {
  try {
    return { text: strict.decode(bytes) };
  } catch {
    return { invalidAt: invalidUtf8At(bytes) };
  }
}

/**
 * The offset of the first byte that does not start a well-formed UTF-8 character (RFC 3629:
 * no overlong forms, no surrogates, nothing past U+10FFFF, no character cut short), or -1.
 */
export function invalidUtf8At(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : 4;
    if (lead < 0xc2 || lead > 0xf4) return i;
    // The second byte's range rules out overlong forms (E0, F0), surrogates (ED) and code
    // points past U+10FFFF (F4); every other continuation byte is 80-BF.
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined) return i;
      if (k === 1 ? next < low || next > high : next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return -1;
}
