import request from 'supertest';
import { echoPayload } from './support/payloads.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const RUN = '/v1/run_workflow';

function errorOf(response: request.Response) {
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  return response.body.error as {
    code: string;
    message: string;
    details?: { path: string }[];
    trace_id: string;
  };
}

describe('errors before the stream (PROTOCOL.md section 4)', () => {
  let service: TestApp;
  beforeAll(async () => (service = await startTestApp({ env: { MAX_PAYLOAD_BYTES: '2048' } })));
  afterAll(() => service.close());

  it('400 invalid_json for a malformed body', async () => {
    const response = await request(service.baseUrl)
      .post(RUN)
      .set('content-type', 'application/json')
      .send('{"task_meta": ')
      .expect(400);
    expect(errorOf(response)).toEqual({
      code: 'invalid_json',
      message: expect.any(String),
      trace_id: expect.any(String),
    });
  });

  it('400 invalid_payload naming exactly the bad fields, never starting a stream', async () => {
    const payload = {
      task_meta: { workflow_id: 'echo', trace_id: 'has spaces' },
      input: { messages: [{ role: 'robot', content: 'hi' }] },
      runtime_config: {
        model: {
          model_name: 'm',
          base_url: 'ftp://example.invalid',
          temperature: 3,
          max_tokens: 0,
        },
        tools: [
          { type: 'HTTP', name: 'ok', execution_config: { url: 'https://example.invalid' } },
          { type: 'HTTP', name: 'bad name!' },
        ],
        vault: { key: 42 },
      },
    };
    const response = await request(service.baseUrl).post(RUN).send(payload).expect(400);
    const error = errorOf(response);
    expect(error.code).toBe('invalid_payload');
    expect(error.details?.map((issue) => issue.path).sort()).toEqual(
      [
        'input.messages[0].role',
        'runtime_config.model.base_url',
        'runtime_config.model.max_tokens',
        'runtime_config.model.temperature',
        'runtime_config.tools[1].execution_config',
        'runtime_config.tools[1].name',
        'runtime_config.vault',
        'task_meta.trace_id',
      ].sort(),
    );
    expect(error.trace_id).toEqual(expect.any(String));
  });

  it('400 invalid_payload for missing sections and for a body that is not an object', async () => {
    const missing = await request(service.baseUrl)
      .post(RUN)
      .send({ task_meta: { workflow_id: 'echo' } });
    expect(errorOf(missing).details?.map((issue) => issue.path)).toEqual([
      'input',
      'runtime_config',
    ]);
    const array = await request(service.baseUrl).post(RUN).send([1, 2]).expect(400);
    expect(errorOf(array).code).toBe('invalid_payload');
  });

  it('ignores unknown top-level fields', async () => {
    const response = await request(service.baseUrl)
      .post(RUN)
      .send({ ...echoPayload('hi'), extra_field: { anything: true } })
      .expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
  });

  it('413 payload_too_large over MAX_PAYLOAD_BYTES', async () => {
    const response = await request(service.baseUrl)
      .post(RUN)
      .send(echoPayload('x'.repeat(4096)))
      .expect(413);
    expect(errorOf(response).code).toBe('payload_too_large');
  });

  it('415 unsupported_media_type for a body that is not JSON', async () => {
    const response = await request(service.baseUrl)
      .post(RUN)
      .set('content-type', 'text/plain')
      .send(JSON.stringify(echoPayload('hi')))
      .expect(415);
    expect(errorOf(response).code).toBe('unsupported_media_type');
  });

  it('404 not_found for an unknown route', async () => {
    const response = await request(service.baseUrl).get('/v2/nothing').expect(404);
    expect(errorOf(response).code).toBe('not_found');
  });

  it('404 workflow_not_found listing the known ids, with the payload trace id', async () => {
    const payload = echoPayload('hi');
    payload.task_meta = { workflow_id: 'no_such_flow', trace_id: 'trace-404' };
    const response = await request(service.baseUrl).post(RUN).send(payload).expect(404);
    const error = errorOf(response);
    expect(error.code).toBe('workflow_not_found');
    expect(error.message).toContain('echo');
    expect(error.trace_id).toBe('trace-404');
  });

  it('uses a valid X-Trace-Id header as the trace id of an error', async () => {
    const response = await request(service.baseUrl)
      .get('/missing')
      .set('X-Trace-Id', 'gateway-7')
      .expect(404);
    expect(errorOf(response).trace_id).toBe('gateway-7');
  });
});
