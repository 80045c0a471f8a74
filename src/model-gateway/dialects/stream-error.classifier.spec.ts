import { classifyStreamError } from './stream-error.classifier.js';

describe('classifyStreamError', () => {
  it.each([
    [{ code: 429, message: 'Rate limit exceeded' }, { status: 429 }],
    [{ code: '502', message: 'Provider returned error' }, { status: 502 }],
    [{ code: 503, status: 'UNAVAILABLE' }, { status: 503 }],
    [{ status: 'RESOURCE_EXHAUSTED', message: 'Quota exceeded' }, { kind: 'rate_limit' }],
    [{ type: 'invalid_request_error', code: 'context_length_exceeded' }, { kind: 'context' }],
    [{ message: "This model's maximum context length is 8192 tokens" }, { kind: 'context' }],
    [{ type: 'authentication_error', message: 'invalid x-api-key' }, { kind: 'auth' }],
    [{ code: 'server_error', message: 'Provider disconnected unexpectedly' }, { kind: 'server' }],
    [{ type: 'overloaded_error', message: 'Overloaded' }, { kind: 'server' }],
    [{ message: 'Request timed out' }, { kind: 'timeout' }],
    [{ type: 'invalid_request_error', message: 'bad tool schema' }, { kind: 'rejected' }],
    [{}, { kind: 'server' }],
  ])('%j → %j', (body, expected) => {
    expect(classifyStreamError(body)).toEqual(expected);
  });
});
