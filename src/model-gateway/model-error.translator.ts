import { errorCauses } from '../common/errors/error-causes.js';
import { RunError } from '../common/errors/execution-plane.error.js';
import {
  classifyStreamError,
  type StreamErrorBody,
  type StreamErrorKind,
} from './dialects/stream-error.classifier.js';
import { ModelTimeoutError } from './model-timeout.error.js';

interface UpstreamErrorShape {
  name?: string;
  status?: number;
  code?: string | null;
  message?: string;
  /** The endpoint's error body (ModelStatusError, ModelStreamError: upstream.errors.ts). */
  error?: unknown;
  cause?: unknown;
}

/** Node and undici codes of a connection that could not be made. */
const CONNECT_FAILURES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** MODEL_TIMEOUT_SECONDS as the transport reports it, or undici's headers/body timeout. */
function isTimeout(link: UpstreamErrorShape): boolean {
  return (
    link instanceof ModelTimeoutError ||
    link.code === 'UND_ERR_HEADERS_TIMEOUT' ||
    link.code === 'UND_ERR_BODY_TIMEOUT'
  );
}

const BY_KIND: Record<Exclude<StreamErrorKind, { status: number }>['kind'], RunError> = {
  context: new RunError(
    'context_length_exceeded',
    'The conversation is longer than the model context',
    false,
  ),
  auth: new RunError('upstream_auth_failed', 'The model endpoint refused the credentials', false),
  rate_limit: new RunError('upstream_rate_limited', 'The model endpoint is rate limiting', true),
  timeout: new RunError('upstream_timeout', 'The model endpoint timed out', true),
  rejected: new RunError('upstream_bad_response', 'The model endpoint rejected the request', false),
  server: new RunError('upstream_unavailable', 'The model endpoint failed mid-answer', true),
};

function fromStatus(status: number, body: StreamErrorBody): RunError {
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
  const kind = classifyStreamError(body);
  if ('kind' in kind && kind.kind === 'context') return BY_KIND.context;
  return new RunError(
    'upstream_bad_response',
    `The model endpoint rejected the request (HTTP ${status})`,
    false,
  );
}

/** An error the endpoint reported inside a 200 stream, mapped like an HTTP status. */
function fromStreamBody(body: StreamErrorBody): RunError {
  const kind = classifyStreamError(body);
  return 'status' in kind ? fromStatus(kind.status, body) : BY_KIND[kind.kind];
}

function bodyOf(link: UpstreamErrorShape): StreamErrorBody {
  const body = typeof link.error === 'object' && link.error !== null ? link.error : {};
  return { code: link.code, message: link.message, ...body } as StreamErrorBody;
}

function classify(chain: UpstreamErrorShape[]): RunError {
  if (chain.some(isTimeout))
    return new RunError('upstream_timeout', 'The model endpoint did not answer in time', true);
  const answered = chain.find((link) => typeof link.status === 'number');
  if (answered) return fromStatus(answered.status as number, bodyOf(answered));
  const inStream = chain.find((link) => typeof link.error === 'object' && link.error !== null);
  if (inStream) return fromStreamBody(bodyOf(inStream));
  if (chain.some((link) => CONNECT_FAILURES.has(link.code ?? '')))
    return new RunError('upstream_unavailable', 'The model endpoint could not be reached', true);
  if (chain.some((link) => link.name === 'SyntaxError'))
    return new RunError(
      'upstream_bad_response',
      'The model endpoint sent a malformed stream',
      false,
    );
  return new RunError('upstream_bad_response', 'The model stream broke off', true);
}

/**
 * Translates what a model call throws (upstream.errors.ts, the transport's undici errors)
 * into a RunError with a code of PROTOCOL.md and a fixed message: upstream messages are never passed on, as they can quote api keys
 * ("Incorrect API key provided: sk-…") or user text.
 */
export function translateModelError(error: unknown): RunError {
  if (error instanceof RunError) return error;
  const { code, message, retryable } = classify(errorCauses(error) as UpstreamErrorShape[]);
  return new RunError(code, message, retryable, { cause: error });
}
