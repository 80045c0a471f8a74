/**
 * The closed set of error codes of PROTOCOL.md. Request codes answer before a stream
 * starts (section 4); run codes travel in the stream's `error` event (section 3).
 */
export const REQUEST_ERROR_CODES = [
  'invalid_request',
  'request_timeout',
  'request_headers_too_large',
  'invalid_json',
  'invalid_payload',
  'invalid_tool',
  'invalid_approval',
  'invalid_graph',
  'tool_unavailable',
  'unauthorized',
  'not_found',
  'workflow_not_found',
  'run_not_found',
  'run_log_evicted',
  'idempotency_conflict',
  'payload_too_large',
  'unsupported_media_type',
  'too_many_runs',
  'shutting_down',
  'run_store_unavailable',
  'internal_error',
] as const;
export type RequestErrorCode = (typeof REQUEST_ERROR_CODES)[number];

export const RUN_ERROR_CODES = [
  'upstream_auth_failed',
  'upstream_not_found',
  'upstream_rate_limited',
  'upstream_unavailable',
  'upstream_timeout',
  'upstream_bad_response',
  'context_length_exceeded',
  'run_timeout',
  'run_log_full',
  'owner_lost',
  'shutting_down',
  'invalid_output',
  'budget_exceeded',
  'graph_runtime_error',
  'internal_error',
] as const;
export type RunErrorCode = (typeof RUN_ERROR_CODES)[number];

/** Whether `code` is one a run's `error` event may carry. */
export const isRunErrorCode = (code: string): code is RunErrorCode =>
  (RUN_ERROR_CODES as readonly string[]).includes(code);

export type ErrorCode = RequestErrorCode | RunErrorCode;

export const REQUEST_ERROR_STATUS: Record<RequestErrorCode, number> = {
  invalid_request: 400,
  request_timeout: 408,
  request_headers_too_large: 431,
  invalid_json: 400,
  invalid_payload: 400,
  invalid_tool: 400,
  invalid_approval: 400,
  invalid_graph: 400,
  tool_unavailable: 502,
  unauthorized: 401,
  not_found: 404,
  workflow_not_found: 404,
  run_not_found: 404,
  run_log_evicted: 410,
  idempotency_conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_runs: 429,
  shutting_down: 503,
  run_store_unavailable: 503,
  internal_error: 500,
};
