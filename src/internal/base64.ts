/**
 * Base64 of the UTF-8 bytes of `text`, without Node's Buffer so it works in browsers.
 * btoa alone only accepts Latin-1 and would throw on a non-ASCII credential.
 */
export function base64Utf8(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
