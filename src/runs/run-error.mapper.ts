import { ExecutionPlaneError, RunError } from '../common/errors/execution-plane.error.js';
import { isRunErrorCode } from '../common/errors/error-code.js';

/**
 * The stream's error boundary: anything a workflow throws becomes a RunError whose message
 * is safe to send. Unknown errors become internal_error with a fixed message; their details
 * go to the log only.
 */
export function toRunError(error: unknown): RunError {
  if (error instanceof RunError) return error;
  if (error instanceof ExecutionPlaneError && isRunErrorCode(error.code)) {
    return new RunError(error.code, error.message, false, { cause: error });
  }
  return new RunError('internal_error', 'The workflow failed unexpectedly', false, {
    cause: error,
  });
}
