import request from 'supertest';
import { echoPayload } from './support/payloads.js';
import { postRun } from './support/sse-client.js';
import { expectWellFormedStream } from './support/stream-assertions.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { ExplodingWorkflow } from './support/test-workflows.js';

const API_KEY = 'sk-LEAKCHECK-api-key-7f3a9c';
const VAULT_VALUE = 'vault-LEAKCHECK-d41d8cd98f';
const BEARER = 'bearer-LEAKCHECK-token-99';
const USER_TEXT = 'my LEAKCHECK diary entry about tuesday';
const PART_TEXT = 'a LEAKCHECK caption of my passport';
const IMAGE_URL = 'https://images.example/LEAKCHECK-signed?token=abc123';
const SECRETS = [API_KEY, VAULT_VALUE, BEARER, USER_TEXT, PART_TEXT, IMAGE_URL];

/** The same run with its message as content parts (docs/execution-payload.md). */
function partsPayload(workflowId: string): Record<string, unknown> {
  const payload = secretPayload(workflowId);
  (payload.input as { messages: unknown[] }).messages = [
    {
      role: 'user',
      content: [
        { type: 'text', text: PART_TEXT },
        { type: 'image_url', image_url: { url: IMAGE_URL } },
      ],
    },
  ];
  return payload;
}

function secretPayload(workflowId: string): Record<string, unknown> {
  const payload = echoPayload(USER_TEXT);
  return {
    ...payload,
    task_meta: { workflow_id: workflowId, trace_id: `trace-${workflowId}` },
    runtime_config: {
      model: { model_name: 'm', base_url: 'http://127.0.0.1:9/v1', api_key: API_KEY },
      vault: { weather_api_key: VAULT_VALUE },
    },
  };
}

describe('log redaction', () => {
  let service: TestApp;
  beforeAll(async () => (service = await startTestApp({ providers: [ExplodingWorkflow] })));
  afterAll(() => service.close());

  it('never logs api keys, vault values, bearer tokens or message contents (parts too)', async () => {
    const url = `${service.baseUrl}/v1/run_workflow`;
    const headers = { authorization: `Bearer ${BEARER}` };
    expectWellFormedStream(await postRun(url, secretPayload('echo'), { headers }));
    // The exploding workflow throws an error whose message quotes the api key and user text.
    expectWellFormedStream(await postRun(url, secretPayload('explodes'), { headers }));
    expectWellFormedStream(await postRun(url, partsPayload('echo'), { headers }));
    expectWellFormedStream(await postRun(url, partsPayload('explodes'), { headers }));
    const invalid = secretPayload('echo');
    (invalid.runtime_config as { model: { temperature: string } }).model.temperature = API_KEY;
    (invalid.runtime_config as { vault: Record<string, unknown> }).vault = { a: VAULT_VALUE, b: 7 };
    const refused = await request(service.baseUrl)
      .post('/v1/run_workflow')
      .set(headers)
      .send(invalid);
    expect(refused.status).toBe(400);
    for (const secret of SECRETS) expect(JSON.stringify(refused.body)).not.toContain(secret);

    const logs = service.logs.text;
    expect(logs).toContain('run failed');
    expect(logs).toContain('request refused');
    for (const secret of SECRETS) expect(logs).not.toContain(secret);
  });

  it('puts trace_id and run_id on every line written while serving a run', async () => {
    const stream = await postRun(`${service.baseUrl}/v1/run_workflow`, secretPayload('echo'));
    const runId = stream.headers.get('x-run-id');
    const runLines = service.logs.entries().filter((entry) => entry.run_id === runId);
    expect(runLines.map((entry) => entry.msg)).toEqual(
      expect.arrayContaining(['run started', 'run ended']),
    );
    for (const line of runLines) expect(line.trace_id).toBe('trace-echo');
  });
});
