// An injectable fetch that records every Request it receives (nothing global is patched) and
// answers from a handler, so tests can assert on the real Request the client built.
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Headers;
  body: string;
  signal: AbortSignal;
}

export type Handler = (request: Request, index: number) => Response | Promise<Response>;

export function recordingFetch(handler: Handler): {
  fetch: (input: Request) => Promise<Response>;
  requests: RecordedRequest[];
} {
  const requests: RecordedRequest[] = [];
  return {
    requests,
    async fetch(input: Request) {
      const index = requests.length;
      const body = await input.clone().text();
      requests.push({
        method: input.method,
        url: input.url,
        headers: input.headers,
        body,
        signal: input.signal,
      });
      return handler(input, index);
    },
  };
}

/** A HAL JSON response. */
export function hal(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    ...init,
    headers: {
      "Content-Type": "application/hal+json",
      ...(init.headers as Record<string, string> | undefined),
    },
  });
}

/** A Mode error response `{id, message}`. */
export function modeError(
  status: number,
  id: string,
  message: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ id, message }), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

/** Options that keep unit tests fast and independent of the environment. */
export const testOptions = {
  token: "tok-unit-1234",
  secret: "sec-unit-5678",
  baseUrl: "https://app.mode.com/api",
  rateLimit: false,
  retry: { baseDelayMs: 1, maxDelayMs: 2 },
} as const;
