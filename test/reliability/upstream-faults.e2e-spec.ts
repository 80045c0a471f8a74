import { OpenAiCompatibleServer } from '../fixtures/openai-compatible.server.js';
import { examplePayload } from '../support/agent-payloads.js';
import { freePort } from '../fixtures/net.js';
import { postRun, type ReceivedStream } from '../support/sse-client.js';
import { answerText, expectWellFormedStream } from '../support/stream-assertions.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const API_KEY = 'sk-upstream-secret-1234';

function errorEvent(stream: ReceivedStream) {
  const errors = stream.events.filter((event) => event.event === 'error');
  expect(errors).toHaveLength(1);
  return errors[0].data as unknown as { code: string; message: string; retryable: boolean };
}

describe('upstream faults of the model endpoint', () => {
  let service: TestApp;
  let model: OpenAiCompatibleServer;
  let url: string;
  let scenario = 0;

  /** A fresh model name per run, so per-name attempt counters never leak between tests. */
  function run(modelName: string, baseUrl = model.baseUrl) {
    const separator = modelName.includes('?') ? '&' : '?';
    const payload = examplePayload({
      modelBaseUrl: baseUrl,
      modelName: `${modelName}${separator}id=${++scenario}`,
    });
    payload.runtime_config.model.api_key = API_KEY;
    payload.runtime_config.tools = [];
    return postRun(url, payload);
  }

  beforeAll(async () => {
    model = await new OpenAiCompatibleServer().start();
    service = await startTestApp({ env: { MODEL_MAX_RETRIES: '1', MODEL_TIMEOUT_SECONDS: '1' } });
    url = `${service.baseUrl}/v1/run_workflow`;
  });
  afterAll(async () => {
    await service.close();
    await model.stop();
  });
  beforeEach(() => (model.requests.length = 0));

  it.each([
    ['status?code=401', 'upstream_auth_failed', false],
    ['status?code=403', 'upstream_auth_failed', false],
    ['status?code=404', 'upstream_not_found', false],
    ['status?code=429', 'upstream_rate_limited', true],
    ['status?code=429&retry_after=0', 'upstream_rate_limited', true],
    ['status?code=500', 'upstream_unavailable', true],
    ['status?code=503', 'upstream_unavailable', true],
    ['context', 'context_length_exceeded', false],
    ['stall', 'upstream_timeout', true],
    ['malformed', 'upstream_bad_response', false],
  ])('%s ends with error %s, then done', async (scenarioName, code, retryable) => {
    const stream = await run(scenarioName);
    expectWellFormedStream(stream);
    expect(errorEvent(stream)).toEqual({ type: 'error', ...errorEvent(stream), code, retryable });
    expect(errorEvent(stream).message).not.toContain(API_KEY);
    expect(stream.events.at(-1)?.data.finish_reason).toBe('error');
  });

  it('retries 5xx and 429 once (MODEL_MAX_RETRIES=1) but never 401', async () => {
    await run('status?code=503');
    expect(model.requests).toHaveLength(2);
    model.requests.length = 0;
    await run('status?code=401');
    expect(model.requests).toHaveLength(1);
  });

  it('reports a refused connection as upstream_unavailable', async () => {
    const closedPort = await freePort();
    const stream = await run('text', `http://127.0.0.1:${closedPort}/v1`);
    expectWellFormedStream(stream);
    expect(errorEvent(stream)).toMatchObject({ code: 'upstream_unavailable', retryable: true });
  });

  it('reports a stream dropped mid-answer without repeating the partial text', async () => {
    const stream = await run('drop?text=one two three four five six&chunks=6');
    expectWellFormedStream(stream);
    expect(errorEvent(stream)).toMatchObject({ code: 'upstream_bad_response', retryable: true });
    const partial = answerText(stream);
    expect(partial.length).toBeGreaterThan(0);
    expect('one two three four five six'.startsWith(partial)).toBe(true);
    expect(model.requests).toHaveLength(1);
  });

  it('retries a 429 with Retry-After: 1 before the first token, once, without duplicated text', async () => {
    const started = Date.now();
    const stream = await run('status?code=429&retry_after=1&times=1&text=just once&chunks=2');
    expectWellFormedStream(stream);
    expect(model.requests).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(answerText(stream)).toBe('just once');
    expect(stream.events.some((event) => event.event === 'error')).toBe(false);
    expect(stream.events.at(-1)?.data.finish_reason).toBe('stop');
  });
});
