import { RunError } from '../common/errors/execution-plane.error.js';
import { translateModelError } from './model-error.translator.js';
import { ModelTimeoutError } from './model-timeout.error.js';
import { ModelStatusError, ModelStreamError } from './upstream.errors.js';

describe('translateModelError', () => {
  it.each([
    [{ status: 401 }, 'upstream_auth_failed', false],
    [{ status: 404 }, 'upstream_not_found', false],
    [{ status: 429 }, 'upstream_rate_limited', true],
    [{ status: 408 }, 'upstream_timeout', true],
    [{ status: 503 }, 'upstream_unavailable', true],
    [{ status: 400, error: { code: 'context_length_exceeded' } }, 'context_length_exceeded', false],
    [{ status: 422 }, 'upstream_bad_response', false],
  ])(
    'HTTP answer %j → %s',
    (fields: { status: number; error?: Record<string, unknown> }, code, retryable) => {
      expect(translateModelError(new ModelStatusError(fields.status, fields.error))).toMatchObject({
        code,
        retryable,
      });
    },
  );

  it.each([
    [{ code: 429, message: 'Rate limit exceeded' }, 'upstream_rate_limited', true],
    [{ code: 'server_error', message: 'Provider disconnected' }, 'upstream_unavailable', true],
    [
      { type: 'invalid_request_error', code: 'context_length_exceeded' },
      'context_length_exceeded',
      false,
    ],
    [{ code: 'invalid_api_key', type: 'authentication_error' }, 'upstream_auth_failed', false],
    [{ status: 'RESOURCE_EXHAUSTED' }, 'upstream_rate_limited', true],
    [{ message: 'something went wrong' }, 'upstream_unavailable', true],
  ])('in-stream error body %j → %s', (body, code, retryable) => {
    const translated = translateModelError(new ModelStreamError(body));
    expect(translated).toMatchObject({ code, retryable });
    expect(translated.message).not.toMatch(/sk-secret|Provider|Rate limit exceeded/);
  });

  it('timeouts, refused connections, malformed and broken streams', () => {
    expect(translateModelError(new ModelTimeoutError(1000)).code).toBe('upstream_timeout');
    const refused = new Error('fetch failed', {
      cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
    });
    expect(translateModelError(refused)).toMatchObject({
      code: 'upstream_unavailable',
      retryable: true,
    });
    const malformed = new SyntaxError('Unexpected end of JSON input');
    expect(translateModelError(malformed)).toMatchObject({
      code: 'upstream_bad_response',
      retryable: false,
    });
    expect(translateModelError(new Error('terminated'))).toMatchObject({
      code: 'upstream_bad_response',
      retryable: true,
    });
  });

  it('passes RunErrors through', () => {
    const error = new RunError('run_timeout', 'x', true);
    expect(translateModelError(error)).toBe(error);
  });
});
