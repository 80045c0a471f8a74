import type { RequestErrorCode, RunErrorCode } from './error-code.js';
import { REQUEST_ERROR_STATUS } from './error-code.js';

/** One field that failed validation, e.g. `runtime_config.tools[0].name`. */
export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * Base of every error we raise on purpose. Its message is safe to show a client: it must
 * never carry a secret, a user message or an internal detail (a stack, an upstream body).
 */
export abstract class ExecutionPlaneError extends Error {
  abstract readonly code: RequestErrorCode | RunErrorCode;
}

/** Refuses a request before any stream starts; mapped by the HTTP exception filter. */
export class RequestError extends ExecutionPlaneError {
  override readonly name = 'RequestError';
  readonly status: number;

  constructor(
    readonly code: RequestErrorCode,
    message: string,
    readonly details?: FieldIssue[],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.status = REQUEST_ERROR_STATUS[code];
  }
}

/**
 * A refusal listing its field issues: the message names each field once (`Invalid
 * webhook: runtime_config.webhook.url, …`), the details say why.
 */
export function fieldIssuesError(
  code: RequestErrorCode,
  what: string,
  issues: FieldIssue[],
): RequestError {
  const fields = [...new Set(issues.map((issue) => issue.path))].join(', ');
  return new RequestError(code, `${what}: ${fields}`, issues);
}

/** Ends a run after its stream began; mapped to the `error` event by the stream. */
export class RunError extends ExecutionPlaneError {
  override readonly name = 'RunError';

  constructor(
    readonly code: RunErrorCode,
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
