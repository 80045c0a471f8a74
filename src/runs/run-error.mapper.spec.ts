import { RequestError, RunError } from '../common/errors/execution-plane.error.js';
import { RUN_ERROR_CODES } from '../common/errors/error-code.js';
import { toRunError } from './run-error.mapper.js';

describe('toRunError', () => {
  it('passes a RunError through as it is', () => {
    const error = new RunError('owner_lost', 'gone', true);
    expect(toRunError(error)).toBe(error);
  });

  it('keeps the code and message of a plane error whose code is a run code', () => {
    // `shutting_down` is both a request and a run code: a run may be cut by it.
    const mapped = toRunError(new RequestError('shutting_down', 'The service is shutting down'));
    expect(mapped).toMatchObject({
      code: 'shutting_down',
      message: 'The service is shutting down',
    });
    expect(RUN_ERROR_CODES).toContain(mapped.code);
  });

  it('turns anything else into internal_error with a fixed message, the cause kept for the log', () => {
    const cause = new Error('secret detail');
    const mapped = toRunError(cause);
    expect(mapped).toMatchObject({
      code: 'internal_error',
      message: 'The workflow failed unexpectedly',
    });
    expect(mapped.cause).toBe(cause);
    expect(toRunError(new RequestError('invalid_payload', 'bad')).code).toBe('internal_error');
  });
});
