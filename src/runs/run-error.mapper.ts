import { ExecutionPlaneError, RunError } from '../common/errors/execution-plane.error.js';
import type { RunErrorCode } from '../common/errors/error-code.js';

const RUN_ERROR_CODES = new Set<RunErrorCode>([
  'upstream_auth_failed',
  'upstream_not_found',
  'upstream_rate_limited',
  'upstream_unavailable',
  'upstream_timeout',
  'upstream_bad_response',
  'context_length_exceeded',
  'run_timeout',
  'shutting_down',
  'internal_error',
]);

/**
 * The stream's error boundary: anything a workflow throws becomes a RunError whose message
 * is safe to send. Unknown errors become internal_error with a fixed message; their details
 * go to the log only.
 */
export function toRunError(error: unknown): RunError {
  if (error instanceof RunError) return error;
  if (error instanceof ExecutionPlaneError && RUN_ERROR_CODES.has(error.code as RunErrorCode)) {
    return new RunError(error.code as RunErrorCode, error.message, false, { cause: error });
  }
  return new RunError('internal_error', 'The workflow failed unexpectedly', false, {
    cause: error,
  });
}
