import { setTimeout as sleep } from 'node:timers/promises';
import { Webhook } from 'standardwebhooks';
import request from 'supertest';
import { WebhookReceiver } from './fixtures/webhook-receiver.server.js';
import { examplePayload } from './support/agent-payloads.js';
import { type AgentHarness, startAgentHarness } from './support/agent-harness.js';
import { sampleValue, scrapeMetrics } from './support/prometheus.js';
import { postRun } from './support/sse-client.js';
import { expectWellFormedStream } from './support/stream-assertions.js';
import { startTestApp } from './support/test-app.js';

// Standard Webhooks secrets: `whsec_` and base64 (https://www.standardwebhooks.com, "Signing").
const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const PREVIOUS = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
const HOOK_TOKEN = 'hook-token-secret-0123456789';

describe('completion webhooks (issue 19, item 2)', () => {
  let harness: AgentHarness;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    harness = await startAgentHarness({ env: { WEBHOOK_SIGNING_KEYS: `${SECRET},${PREVIOUS}` } });
  });
  afterAll(async () => {
    await harness.close();
    await receiver.stop();
  });
  beforeEach(() => {
    harness.resetRecordings();
    receiver.reset();
  });

  const payload = (modelName = 'tool?text=Sunny.') => {
    const body = examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName,
      pluginOrigin: harness.plugin.origin,
    });
    body.runtime_config.vault.hook_token = HOOK_TOKEN;
    body.runtime_config.webhook = {
      url: receiver.url,
      headers: { Authorization: 'Bearer {{vault.hook_token}}' },
      events: ['done'],
    };
    return body;
  };
  /** The delivery's payload, checked by the standardwebhooks package with `secret`. */
  const verified = (
    delivery: { headers: Record<string, unknown>; body: string },
    secret = SECRET,
  ) =>
    new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>) as Record<
      string,
      any
    >;

  it("POSTs the run's end, signed, with its headers, once the stream is done", async () => {
    const stream = await postRun(harness.runUrl, payload());
    expectWellFormedStream(stream);
    const [delivery] = await receiver.received(1);
    const event = verified(delivery);
    const done = stream.events.at(-1)?.data as Record<string, any>;
    expect(event).toMatchObject({
      type: 'run.done',
      data: {
        run_id: stream.headers.get('x-run-id'),
        trace_id: 'trace-123456',
        workflow_id: 'agent_chat',
        status: 'done',
        finish_reason: 'stop',
        usage: done.usage,
        duration_ms: done.duration_ms,
      },
    });
    expect(delivery.headers.authorization).toBe(`Bearer ${HOOK_TOKEN}`);
    expect(delivery.headers['webhook-id']).toBe(`msg_${stream.headers.get('x-run-id')}`);
    // One signature per key: a receiver still on the previous key verifies too.
    expect(String(delivery.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verified(delivery, PREVIOUS).type).toBe('run.done');
    expect(() => verified(delivery, `whsec_${Buffer.alloc(32, 1).toString('base64')}`)).toThrow();
    expect(JSON.stringify(stream.events)).not.toContain(HOOK_TOKEN);
  });

  it("carries a failed run's error code", async () => {
    await postRun(harness.runUrl, payload('status?code=401'));
    const [delivery] = await receiver.received(1);
    expect(verified(delivery).data).toMatchObject({
      finish_reason: 'error',
      error_code: 'upstream_auth_failed',
    });
  });

  it('retries after a 500 and delivers once, with the same webhook-id', async () => {
    const before = await scrapeMetrics(harness.service.baseUrl);
    receiver.answerWith(500);
    await postRun(harness.runUrl, payload());
    const [failed, delivered] = await receiver.received(2);
    expect([failed.status, delivered.status]).toEqual([500, 204]);
    expect(delivered.headers['webhook-id']).toBe(failed.headers['webhook-id']);
    expect(verified(delivered).data.finish_reason).toBe('stop');
    await sleep(200);
    expect(receiver.deliveries).toHaveLength(2);
    const after = await scrapeMetrics(harness.service.baseUrl);
    const delta = (outcome: string) =>
      sampleValue(after, 'ep_webhook_attempts_total', { outcome }) -
      sampleValue(before, 'ep_webhook_attempts_total', { outcome });
    expect([delta('failed'), delta('delivered')]).toEqual([1, 1]);
  });

  it("reports a background run's end: 202, then the webhook", async () => {
    const accepted = await request(harness.service.baseUrl)
      .post('/v1/runs')
      .send(payload())
      .expect(202);
    const [delivery] = await receiver.received(1);
    expect(verified(delivery).data).toMatchObject({ run_id: accepted.body.run_id, status: 'done' });
  });

  it('refuses a webhook with a bad URL or an unknown vault key before the stream', async () => {
    const body = payload();
    body.runtime_config.webhook = { url: 'ftp://hooks', headers: { 'X-Key': '{{vault.nope}}' } };
    const stream = await postRun(harness.runUrl, body);
    expect(stream.status).toBe(400);
    expect((stream.json as any).error.details).toEqual([
      { path: 'runtime_config.webhook.url', message: 'url must use http or https' },
      { path: 'runtime_config.webhook.headers.X-Key', message: "unknown vault key 'nope'" },
    ]);
  });
});

describe('webhooks and the network policy, and without signing keys', () => {
  let receiver: WebhookReceiver;
  beforeAll(async () => (receiver = await new WebhookReceiver().start()));
  afterAll(() => receiver.stop());

  it('does not deliver to a loopback address the policy does not allow', async () => {
    const harness = await startAgentHarness({
      env: { WEBHOOK_SIGNING_KEYS: SECRET, HTTP_TOOL_ALLOWED_HOSTS: '' },
    });
    try {
      const body = examplePayload({
        modelBaseUrl: harness.model.baseUrl,
        modelName: 'text',
        tools: [],
      });
      body.runtime_config.webhook = { url: receiver.url };
      const stream = await postRun(harness.runUrl, body);
      expectWellFormedStream(stream);
      let refused = 0;
      for (let tries = 0; refused === 0 && tries < 50; tries += 1) {
        await sleep(20);
        refused = sampleValue(
          await scrapeMetrics(harness.service.baseUrl),
          'ep_webhook_attempts_total',
          {
            outcome: 'refused',
          },
        );
      }
      expect(refused).toBe(1);
      expect(receiver.deliveries).toHaveLength(0);
    } finally {
      await harness.close();
    }
  });

  it('refuses a payload with a webhook when WEBHOOK_SIGNING_KEYS is not set', async () => {
    const app = await startTestApp();
    try {
      const body = examplePayload({
        modelBaseUrl: 'http://127.0.0.1:9/v1',
        modelName: 'text',
        tools: [],
      });
      body.runtime_config.webhook = { url: receiver.url };
      const stream = await postRun(`${app.baseUrl}/v1/run_workflow`, body);
      expect(stream.status).toBe(400);
      expect((stream.json as any).error.message).toBe(
        'Webhooks need WEBHOOK_SIGNING_KEYS to be set on the execution plane',
      );
    } finally {
      await app.close();
    }
  });
});
