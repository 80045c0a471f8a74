import { errorCauses } from '../common/errors/error-causes.js';
import { RunError } from '../common/errors/execution-plane.error.js';
import { ModelTimeoutError } from './model-timeout.error.js';

interface UpstreamErrorShape {
  name?: string;
  status?: number;
  code?: string | null;
  message?: string;
  cause?: unknown;
}

const CONTEXT_LENGTH_HINT = /context.length|maximum context|context window|too many tokens/i;
/** Node and undici codes of a connection that could not be made. */
const CONNECT_FAILURES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** MODEL_TIMEOUT_SECONDS as the fetch reports it, the SDK's own timeout, or undici's headers/body timeout. */
function isTimeout(link: UpstreamErrorShape): boolean {
  return (
    link instanceof ModelTimeoutError ||
    link.name === 'APIConnectionTimeoutError' ||
    link.code === 'UND_ERR_HEADERS_TIMEOUT' ||
    link.code === 'UND_ERR_BODY_TIMEOUT'
  );
}

function fromStatus(status: number, error: UpstreamErrorShape): RunError {
  if (status === 401 || status === 403) {
    return new RunError(
      'upstream_auth_failed',
      `The model endpoint refused the credentials (HTTP ${status})`,
      false,
    );
  }
  if (status === 404)
    return new RunError(
      'upstream_not_found',
      'The model endpoint or model was not found (HTTP 404)',
      false,
    );
  if (status === 429)
    return new RunError(
      'upstream_rate_limited',
      'The model endpoint is rate limiting (HTTP 429)',
      true,
    );
  if (status === 408)
    return new RunError('upstream_timeout', 'The model endpoint timed out (HTTP 408)', true);
  if (status >= 500)
    return new RunError('upstream_unavailable', `The model endpoint failed (HTTP ${status})`, true);
  if (error.code === 'context_length_exceeded' || CONTEXT_LENGTH_HINT.test(error.message ?? '')) {
    return new RunError(
      'context_length_exceeded',
      'The conversation is longer than the model context',
      false,
    );
  }
  return new RunError(
    'upstream_bad_response',
    `The model endpoint rejected the request (HTTP ${status})`,
    false,
  );
}

/**
 * Translates what the OpenAI client throws into a RunError with a code of PROTOCOL.md and a
 * fixed message: upstream messages are never passed on, as they can quote api keys
 * ("Incorrect API key provided: sk-…") or user text.
 */
export function translateModelError(error: unknown): RunError {
  if (error instanceof RunError) return error;
  const chain = errorCauses(error) as UpstreamErrorShape[];
  if (chain.some(isTimeout)) {
    return new RunError('upstream_timeout', 'The model endpoint did not answer in time', true, {
      cause: error,
    });
  }
  const status = chain.find((link) => typeof link.status === 'number')?.status;
  if (status !== undefined) {
    const translated = fromStatus(status, chain[0]);
    return new RunError(translated.code, translated.message, translated.retryable, {
      cause: error,
    });
  }
  if (chain.some((link) => CONNECT_FAILURES.has(link.code ?? ''))) {
    return new RunError('upstream_unavailable', 'The model endpoint could not be reached', true, {
      cause: error,
    });
  }
  if (chain.some((link) => link.name === 'SyntaxError')) {
    return new RunError(
      'upstream_bad_response',
      'The model endpoint sent a malformed stream',
      false,
      { cause: error },
    );
  }
  return new RunError('upstream_bad_response', 'The model stream broke off', true, {
    cause: error,
  });
}
