import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import request from 'supertest';
import { freePort, waitForHealthy } from './fixtures/net.js';
import { OpenAiCompatibleServer } from './fixtures/openai-compatible.server.js';
import { TcpProxy } from './fixtures/tcp-proxy.js';
import { examplePayload } from './support/agent-payloads.js';
import { type ChildService, spawnService } from './support/child-service.js';
import { eventFramesOf, eventsOf, readRawStream, receivedOf, runIdOf } from './support/raw-sse.js';
import { TEST_REDIS_URL } from './support/redis.js';
import { expectFollowedAndReplayedAcross } from './support/cross-instance.js';
import { expectWellFormedStream } from './support/stream-assertions.js';

interface Instance {
  service: ChildService;
  baseUrl: string;
}

/** A production-build instance of the service on its own port, sharing `redisUrl`. */
async function startInstance(redisUrl: string, env: Record<string, string> = {}) {
  const port = await freePort();
  const service = spawnService({
    PORT: String(port),
    REDIS_URL: redisUrl,
    LOG_LEVEL: 'WARNING',
    HTTP_TOOL_ALLOWED_HOSTS: '127.0.0.1',
    ...env,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealthy(baseUrl);
  return { service, baseUrl };
}

async function stopInstance(instance: Instance | undefined): Promise<void> {
  if (!instance) return;
  instance.service.process.kill('SIGKILL');
  await instance.service.exited;
}

describe('run control across two instances sharing Redis', () => {
  let model: OpenAiCompatibleServer;
  let a: Instance;
  let b: Instance;
  beforeAll(async () => {
    model = await new OpenAiCompatibleServer().start();
    const env = { DISCONNECT_GRACE_SECONDS: '2' };
    [a, b] = await Promise.all([
      startInstance(TEST_REDIS_URL, env),
      startInstance(TEST_REDIS_URL, env),
    ]);
  }, 30_000);
  afterAll(async () => {
    await Promise.all([stopInstance(a), stopInstance(b)]);
    await model.stop();
  });

  const pacedRun = (modelName = 'text?tokens=20&delay_ms=30') =>
    examplePayload({ modelBaseUrl: model.baseUrl, modelName, tools: [] });

  it('a run started on A is followed, replayed and looked up through B', () =>
    expectFollowedAndReplayedAcross(a.baseUrl, b.baseUrl, pacedRun()));

  it('a cancel sent to B stops the run on A within a second', async () => {
    const closed = once(model, 'client-closed');
    let cancelled: Promise<request.Response> | undefined;
    let cancelledAt = 0;
    const live = await readRawStream(`${a.baseUrl}/v1/run_workflow`, {
      method: 'POST',
      body: pacedRun('stall?text=a b c&chunks=3'),
      onText: (text) => {
        if (cancelled || !text.includes('message_chunk')) return;
        cancelledAt = Date.now();
        cancelled = request(b.baseUrl)
          .post(`/v1/runs/${runIdOf(text)}/cancel`)
          .then((response) => response);
      },
    });
    await closed;
    expect(Date.now() - cancelledAt).toBeLessThan(1000);
    expect(eventsOf(live.text).at(-1)?.data.finish_reason).toBe('cancelled');
    const answer = await cancelled!;
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'done', finish_reason: 'cancelled' });
  });

  it('a client that left A and re-attaches on B within the grace keeps the run alive', async () => {
    let runId = '';
    const first = await readRawStream(`${a.baseUrl}/v1/run_workflow`, {
      method: 'POST',
      body: pacedRun('text?tokens=60&delay_ms=50'),
      onText: (text, controller) => {
        runId = runIdOf(text) || runId;
        if (eventFramesOf(text).length >= 3) controller.abort();
      },
    });
    const frames = eventFramesOf(first.text);
    await sleep(500);
    // Longer than the grace (2 s): only the re-attached reader keeps the run going.
    const rest = await readRawStream(`${b.baseUrl}/v1/runs/${runId}/events`, {
      headers: { 'last-event-id': String(frames.length) },
    });
    const joined = [...frames, ...eventFramesOf(rest.text)].join('\n\n') + '\n\n';
    expectWellFormedStream(receivedOf(first, joined));
    expect(eventsOf(joined).at(-1)?.data.finish_reason).toBe('stop');
  });

  it('a start retried on B with the same Idempotency-Key attaches to the run on A', async () => {
    const key = `redis-key-${randomUUID()}`;
    const payload = pacedRun(`text?tokens=40&delay_ms=30&seed=${key}`);
    const headers = { 'idempotency-key': key };
    const first = await readRawStream(`${a.baseUrl}/v1/run_workflow`, {
      method: 'POST',
      body: payload,
      headers,
      onText: (text, controller) => {
        if (eventFramesOf(text).length >= 3) controller.abort();
      },
    });
    const frames = eventFramesOf(first.text).slice(0, 3);
    const retry = await readRawStream(`${b.baseUrl}/v1/run_workflow`, {
      method: 'POST',
      body: payload,
      headers: { ...headers, 'last-event-id': '3' },
    });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.headers.get('x-run-id')).toBe(first.headers.get('x-run-id'));
    const joined = [...frames, ...eventFramesOf(retry.text)].join('\n\n') + '\n\n';
    expectWellFormedStream(receivedOf(first, joined));
    expect(model.requests.filter((each) => each.body.model.endsWith(key))).toHaveLength(1);
    const conflict = await request(b.baseUrl)
      .post('/v1/run_workflow')
      .set('idempotency-key', key)
      .send(pacedRun('text?tokens=3'))
      .expect(409);
    expect(conflict.body.error.code).toBe('idempotency_conflict');
  });

  it('simultaneous starts with one key on A and B make one run', async () => {
    const key = `redis-race-${randomUUID()}`;
    const payload = pacedRun(`text?tokens=10&delay_ms=10&seed=${key}`);
    const post = (instance: Instance) =>
      readRawStream(`${instance.baseUrl}/v1/run_workflow`, {
        method: 'POST',
        body: payload,
        headers: { 'idempotency-key': key },
      });
    const [one, two] = await Promise.all([post(a), post(b)]);
    expect(one.headers.get('x-run-id')).toBe(two.headers.get('x-run-id'));
    expect(eventFramesOf(two.text)).toEqual(eventFramesOf(one.text));
    expect(model.requests.filter((each) => each.body.model.endsWith(key))).toHaveLength(1);
  });
});

describe('deployments sharing one Redis (REDIS_KEY_PREFIX)', () => {
  let model: OpenAiCompatibleServer;
  let ours: Instance;
  let theirs: Instance;
  beforeAll(async () => {
    model = await new OpenAiCompatibleServer().start();
    [ours, theirs] = await Promise.all([
      startInstance(TEST_REDIS_URL, { REDIS_KEY_PREFIX: 'ep-a:' }),
      startInstance(TEST_REDIS_URL, { REDIS_KEY_PREFIX: 'ep-b:' }),
    ]);
  }, 30_000);
  afterAll(async () => {
    await Promise.all([stopInstance(ours), stopInstance(theirs)]);
    await model.stop();
  });

  it("keeps every key and the control channel apart; a run's keys share its hash tag", async () => {
    const listener = new Redis(TEST_REDIS_URL);
    const inspector = new Redis(TEST_REDIS_URL);
    const heard: string[] = [];
    listener.on('message', (channel: string) => heard.push(channel));
    await listener.subscribe('ep-b:run-control');
    try {
      let runId = '';
      const live = await readRawStream(`${ours.baseUrl}/v1/run_workflow`, {
        method: 'POST',
        body: examplePayload({
          modelBaseUrl: model.baseUrl,
          modelName: 'text?tokens=30&delay_ms=20',
          tools: [],
        }),
        onText: (text) => (runId ||= runIdOf(text)),
      });
      expectWellFormedStream(receivedOf(live));
      const keys = (await inspector.keys(`*${runId}*`)).sort();
      expect(keys).toEqual([`ep-a:run:{${runId}}`, `ep-a:run:{${runId}}:frames`]);
      await request(theirs.baseUrl).get(`/v1/runs/${runId}`).expect(404);
      await request(theirs.baseUrl).post(`/v1/runs/${runId}/cancel`).expect(404);
      // A reader on our instance's channel: the other deployment's channel stays silent.
      await request(ours.baseUrl).get(`/v1/runs/${runId}/events`).expect(200);
      expect(heard).toEqual([]);
    } finally {
      listener.disconnect();
      inspector.disconnect();
    }
  });
});

describe('Redis unavailable', () => {
  let model: OpenAiCompatibleServer;
  beforeAll(async () => (model = await new OpenAiCompatibleServer().start()));
  afterAll(() => model.stop());

  const textRun = (modelName = 'text?tokens=5') =>
    examplePayload({ modelBaseUrl: model.baseUrl, modelName, tools: [] });

  it('at boot: the service starts, runs work, run control from elsewhere answers 503', async () => {
    const instance = await startInstance(`redis://127.0.0.1:${await freePort()}`);
    try {
      expect(instance.service.stdout()).toContain('Redis (REDIS_URL) is unreachable');
      const live = await readRawStream(`${instance.baseUrl}/v1/run_workflow`, {
        method: 'POST',
        body: textRun(),
      });
      expectWellFormedStream(receivedOf(live));
      // A run of this process is still known here.
      const runId = live.headers.get('x-run-id') as string;
      await request(instance.baseUrl).get(`/v1/runs/${runId}`).expect(200);
      const elsewhere = await request(instance.baseUrl).get(`/v1/runs/${randomUUID()}`);
      expect(elsewhere.status).toBe(503);
      expect(elsewhere.body.error.code).toBe('run_store_unavailable');
      expect(elsewhere.headers['retry-after']).toBe('1');
    } finally {
      await stopInstance(instance);
    }
  }, 30_000);

  it('mid-run: the live stream goes on to done; resume elsewhere answers 503', async () => {
    const proxy = new TcpProxy(Number(new URL(TEST_REDIS_URL).port || 6379));
    const instance = await startInstance(`redis://127.0.0.1:${await proxy.start()}`);
    try {
      let cut: Promise<void> | undefined;
      const live = await readRawStream(`${instance.baseUrl}/v1/run_workflow`, {
        method: 'POST',
        body: textRun('text?tokens=20&delay_ms=30'),
        onText: (text) => {
          if (!cut && eventFramesOf(text).length >= 3) cut = proxy.cut();
        },
      });
      await cut;
      expectWellFormedStream(receivedOf(live));
      expect(eventsOf(live.text).at(-1)?.data.finish_reason).toBe('stop');
      expect(instance.service.stdout()).toContain('Redis write failed');
      const elsewhere = await request(instance.baseUrl).get(`/v1/runs/${randomUUID()}/events`);
      expect(elsewhere.status).toBe(503);
    } finally {
      await stopInstance(instance);
      await proxy.cut();
    }
  }, 30_000);
});
