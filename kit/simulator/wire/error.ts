// Mode's error body, `{"id": "not_found", "message": "..."}`, as plain JSON: the one shape every
// error answer of the simulator has, with the status each id goes with.

export type ErrorId =
  | "bad_request"
  | "unauthorized"
  | "not_found"
  | "method_not_allowed"
  | "payload_too_large"
  | "rate_limited"
  | "internal_server_error";

const STATUS: Record<ErrorId, number> = {
  bad_request: 400,
  unauthorized: 401,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  rate_limited: 429,
  internal_server_error: 500,
};

export interface ErrorAnswer {
  status: number;
  body: { id: ErrorId; message: string };
}

export const modeError = (id: ErrorId, message: string): ErrorAnswer => ({
  status: STATUS[id],
  body: { id, message },
});
