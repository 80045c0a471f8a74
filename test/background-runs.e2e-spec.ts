import request from 'supertest';
import { examplePayload } from './support/agent-payloads.js';
import { type AgentHarness, startAgentHarness } from './support/agent-harness.js';
import { eventually } from './support/eventually.js';
import { parseSseText } from './support/sse-client.js';

describe('background runs (issue 19, item 3)', () => {
  let harness: AgentHarness;
  let base: string;

  beforeAll(async () => {
    harness = await startAgentHarness();
    base = harness.service.baseUrl;
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.resetRecordings());

  const payload = (modelName = 'tool?text=Sunny.') =>
    examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName,
      pluginOrigin: harness.plugin.origin,
    });
  const statusOf = async (runId: string) =>
    (await request(base).get(`/v1/runs/${runId}`).expect(200)).body as Record<string, any>;
  const finished = (runId: string) =>
    eventually(async () => (await statusOf(runId)).status === 'done', 10_000);

  it('answers 202 at once and runs to its end without a reader', async () => {
    const response = await request(base).post('/v1/runs').send(payload()).expect(202);
    const runId = response.body.run_id as string;
    expect(response.body).toEqual({
      run_id: runId,
      trace_id: 'trace-123456',
      status: 'running',
      status_url: `/v1/runs/${runId}`,
      events_url: `/v1/runs/${runId}/events`,
      cancel_url: `/v1/runs/${runId}/cancel`,
    });
    expect(response.headers.location).toBe(`/v1/runs/${runId}`);
    expect(response.headers['x-run-id']).toBe(runId);
    await finished(runId);
    expect(await statusOf(runId)).toMatchObject({
      finish_reason: 'stop',
      workflow_id: 'agent_chat',
    });
    expect(harness.plugin.requests).toHaveLength(1);
    const events = parseSseText(
      (await request(base).get(`/v1/runs/${runId}/events`).expect(200)).text,
    );
    expect(events.map((event) => event.event)).toEqual([
      'tool_start',
      'tool_result',
      ...events.slice(2, -1).map(() => 'message_chunk'),
      'done',
    ]);
  });

  it('takes Prefer: respond-async on POST /v1/run_workflow the same way', async () => {
    const response = await request(base)
      .post('/v1/run_workflow')
      .set('Prefer', 'respond-async, wait=0')
      .send(payload())
      .expect(202);
    expect(response.headers['content-type']).toContain('application/json');
    await finished(response.body.run_id);
  });

  it('a paced run completes while nobody reads it', async () => {
    const response = await request(base)
      .post('/v1/runs')
      .send(payload('text?tokens=30&delay_ms=10'))
      .expect(202);
    await finished(response.body.run_id);
    expect((await statusOf(response.body.run_id)).finish_reason).toBe('stop');
    expect(harness.model.requests).toHaveLength(1);
  });

  it('is cancelled through its cancel_url', async () => {
    const closed = new Promise((resolve) => harness.model.once('client-closed', resolve));
    const { body } = await request(base)
      .post('/v1/runs')
      .send(payload('text?tokens=400&delay_ms=20'))
      .expect(202);
    await eventually(async () => harness.model.requests.length === 1);
    await request(base).post(body.cancel_url).expect(200);
    await closed;
    expect(await statusOf(body.run_id)).toMatchObject({
      status: 'done',
      finish_reason: 'cancelled',
    });
  });

  it('refuses a bad payload with the same JSON errors, and replays a start with its key', async () => {
    const bad = payload();
    bad.runtime_config.model.base_url = 'ftp://nowhere';
    const refused = await request(base).post('/v1/runs').send(bad).expect(400);
    expect(refused.body.error.details[0].path).toBe('runtime_config.model.base_url');
    const first = await request(base)
      .post('/v1/runs')
      .set('Idempotency-Key', 'background-start-1')
      .send(payload())
      .expect(202);
    const retry = await request(base)
      .post('/v1/runs')
      .set('Idempotency-Key', 'background-start-1')
      .send(payload())
      .expect(202);
    expect(retry.body.run_id).toBe(first.body.run_id);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    await finished(first.body.run_id);
    expect(harness.model.requests.filter((sent) => sent.body.tools)).toHaveLength(2);
  });
});
