/**
 * True for hosts that never leave the machine: localhost, 127.0.0.0/8 and ::1. Names under
 * `.localhost` are not included: Node resolves them through the system resolver like any other
 * name, so nothing keeps such a request on this machine.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === "localhost" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);
}
