/**
 * What the layers beneath openapi-fetch's response handling know about a Response and the
 * layers above need when they build an error from it: how many attempts it took (from the
 * resilient fetch) and which credentials to redact (from the request's own Authorization header,
 * read by the error middleware). Keyed only on Responses the client itself constructed, never on
 * a caller's objects, so concurrent calls sharing one `init` cannot see each other's facts.
 */
export interface ResponseFacts {
  attempts?: number | undefined;
  secrets?: readonly string[] | undefined;
}

const facts = new WeakMap<Response, ResponseFacts>();

/** Records facts about a Response the client itself constructed (and only such a one). */
export function recordFacts(response: Response, more: ResponseFacts): void {
  const known = facts.get(response);
  if (known === undefined) facts.set(response, { ...more });
  else Object.assign(known, more);
}

/** True for a Response the client constructed and recorded facts about. */
export function hasFacts(response: Response): boolean {
  return facts.has(response);
}

export function factsOf(response: Response | undefined): ResponseFacts {
  return (response && facts.get(response)) ?? {};
}
