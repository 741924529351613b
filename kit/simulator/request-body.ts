// Reading a request's body without trusting it: at most `MAX_REQUEST_BODY` bytes, counted as they
// stream, and a declared or actual length past that refused unread, so no body can fill memory.

/** The largest request body read; a longer one is refused with 413 unread. */
export const MAX_REQUEST_BODY = 1024 * 1024;

/** The body's bytes; "too-large" past the limit (the rest is never read); undefined for none. */
export async function readBody(request: Request): Promise<Uint8Array | "too-large" | undefined> {
  if (request.body === null) return undefined;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_REQUEST_BODY) {
    await request.body.cancel().catch(() => {});
    return "too-large";
  }
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_REQUEST_BODY) {
      await reader.cancel().catch(() => {});
      return "too-large";
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return all;
}
