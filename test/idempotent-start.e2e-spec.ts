import request from 'supertest';
import { examplePayload } from './support/agent-payloads.js';
import {
  type AgentHarness,
  startAgentHarness,
  toolCallsScenario,
} from './support/agent-harness.js';
import { eventFramesOf, readRawStream, receivedOf, seqOf } from './support/raw-sse.js';
import { expectWellFormedStream } from './support/stream-assertions.js';

/**
 * Retry-safe starts (docs/run-control.md, "Retry-safe starts"): a client that re-POSTs the
 * same payload with the same Idempotency-Key — as @microsoft/fetch-event-source does whenever
 * a stream breaks, with Last-Event-ID — attaches to the first run instead of paying for a
 * second one.
 */
describe('POST /v1/run_workflow with Idempotency-Key (memory store)', () => {
  let harness: AgentHarness;
  beforeAll(async () => {
    harness = await startAgentHarness();
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.resetRecordings());

  /** A tool call to the weather plugin, then a paced answer that outlives a dropped stream. */
  const keyedPayload = (text = 'one two three four five six seven eight nine ten') => {
    const payload = examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName: `${toolCallsScenario([{ name: 'weather', args: { city: 'Paris' } }])}&text=${encodeURIComponent(text)}&chunks=10&delay_ms=40`,
      pluginOrigin: harness.plugin.origin,
    });
    payload.runtime_config.on_disconnect = 'continue';
    return payload;
  };
  const start = (payload: unknown, key: string, headers: Record<string, string> = {}) =>
    readRawStream(harness.runUrl, {
      method: 'POST',
      body: payload,
      headers: { 'idempotency-key': key, ...headers },
    });

  it('a retry after a dropped stream resumes the same run after its Last-Event-ID', async () => {
    const payload = keyedPayload();
    const key = `key-${Date.now()}-resume`;
    const first = await readRawStream(harness.runUrl, {
      method: 'POST',
      body: payload,
      headers: { 'idempotency-key': key },
      onText: (text, controller) => {
        if (eventFramesOf(text).length >= 4) controller.abort();
      },
    });
    const kept = eventFramesOf(first.text).slice(0, 4);
    const retry = await start(payload, key, { 'last-event-id': String(seqOf(kept.at(-1) ?? '')) });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.headers.get('x-run-id')).toBe(first.headers.get('x-run-id'));
    expect(retry.headers.get('x-trace-id')).toBe(first.headers.get('x-trace-id'));
    const whole = [...kept, ...eventFramesOf(retry.text)].join('\n\n') + '\n\n';
    expectWellFormedStream(receivedOf(first, whole));
    expect(harness.plugin.requests).toHaveLength(1);
    expect(harness.model.requests).toHaveLength(2); // the tool turn and the answer, once each
  });

  it('two simultaneous starts with one key share one run', async () => {
    const payload = keyedPayload();
    const key = `key-${Date.now()}-race`;
    const [one, two] = await Promise.all([start(payload, key), start(payload, key)]);
    expect(one.headers.get('x-run-id')).toBe(two.headers.get('x-run-id'));
    expect(eventFramesOf(two.text)).toEqual(eventFramesOf(one.text));
    expectWellFormedStream(receivedOf(one));
    expect(harness.plugin.requests).toHaveLength(1);
    expect(harness.model.requests).toHaveLength(2);
  });

  it('the same key with another payload is 409 idempotency_conflict; other keys are apart', async () => {
    const key = `key-${Date.now()}-conflict`;
    const first = await start(keyedPayload('first answer'), key);
    expect(first.status).toBe(200);
    const conflict = await request(harness.service.baseUrl)
      .post('/v1/run_workflow')
      .set('idempotency-key', key)
      .send(keyedPayload('another answer'))
      .expect(409);
    expect(conflict.body.error).toMatchObject({ code: 'idempotency_conflict' });
    const other = await start(keyedPayload('first answer'), `${key}-other`);
    expect(other.headers.get('x-run-id')).not.toBe(first.headers.get('x-run-id'));
    expect(harness.plugin.requests).toHaveLength(2);
  });

  it('keys are checked: 1 to 255 printable ASCII characters', async () => {
    const response = await request(harness.service.baseUrl)
      .post('/v1/run_workflow')
      .set('idempotency-key', 'k'.repeat(256))
      .send(keyedPayload())
      .expect(400);
    expect(response.body.error.details).toEqual([
      { path: 'Idempotency-Key', message: 'must be 1 to 255 printable ASCII characters' },
    ]);
    expect(harness.model.requests).toHaveLength(0);
  });

  it('without a key every POST is a run of its own, as before', async () => {
    const payload = keyedPayload('short');
    const [one, two] = await Promise.all([
      readRawStream(harness.runUrl, { method: 'POST', body: payload }),
      readRawStream(harness.runUrl, { method: 'POST', body: payload }),
    ]);
    expect(one.headers.get('x-run-id')).not.toBe(two.headers.get('x-run-id'));
    expect(harness.plugin.requests).toHaveLength(2);
  });
});
