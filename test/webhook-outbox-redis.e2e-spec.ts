import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { Webhook } from 'standardwebhooks';
import { OutboxCipher } from '../src/webhooks/outbox-cipher.js';
import { RedisWebhookOutbox } from '../src/webhooks/redis-webhook.outbox.js';
import { freePort, waitForHealthy } from './fixtures/net.js';
import { OpenAiCompatibleServer } from './fixtures/openai-compatible.server.js';
import { WebhookReceiver } from './fixtures/webhook-receiver.server.js';
import { examplePayload } from './support/agent-payloads.js';
import { type ChildService, spawnService } from './support/child-service.js';
import { TEST_REDIS_URL } from './support/redis.js';
import { LocalRedisCluster } from './support/redis-cluster.js';
import { postRun } from './support/sse-client.js';
import { expectWellFormedStream } from './support/stream-assertions.js';

const SECRET = `whsec_${Buffer.alloc(32, 5).toString('base64')}`;
const HEADER_SECRET = 'outbox-header-secret-0123456789';

const delivery = (id: string) => ({
  id,
  target: {
    url: 'http://127.0.0.1:9/hooks',
    headers: { authorization: `Bearer ${HEADER_SECRET}` },
  },
  body: '{"type":"run.done"}',
  attempts: 0,
});

describe.each([
  ['one Redis server', false],
  ['a Redis Cluster', true],
])('the Redis webhook outbox, on %s', (_name, cluster) => {
  let redisCluster: LocalRedisCluster | undefined;
  let outboxes: RedisWebhookOutbox[];
  let prefix: string;

  beforeAll(async () => {
    redisCluster = cluster ? await LocalRedisCluster.start() : undefined;
    prefix = `test-${randomUUID().slice(0, 8)}:`;
    const settings = {
      url: redisCluster?.seedUrl ?? TEST_REDIS_URL,
      cluster,
      keyPrefix: prefix,
      cipher: new OutboxCipher([SECRET]),
    };
    outboxes = [new RedisWebhookOutbox(settings), new RedisWebhookOutbox(settings)];
  }, 60_000);
  afterAll(async () => {
    for (const outbox of outboxes) outbox.onModuleDestroy();
    await redisCluster?.stop();
  });

  it('gives a due delivery to one process only, and again once it is due after a failure', async () => {
    const [a, b] = outboxes;
    expect(await a.add(delivery('msg_1'))).toBe(true);
    const [first, second] = await Promise.all([a.claimDue(10, 60_000), b.claimDue(10, 60_000)]);
    expect([...first, ...second].map((claimed) => claimed.id)).toEqual(['msg_1']);
    const claimed = [...first, ...second][0];
    expect(claimed).toEqual(delivery('msg_1'));
    await a.retryAt(claimed, Date.now() + 200);
    expect(await b.claimDue(10, 60_000)).toEqual([]);
    await sleep(300);
    expect((await b.claimDue(10, 60_000)).map((again) => again.attempts)).toEqual([1]);
    await b.remove('msg_1');
    expect(await a.claimDue(10, 0)).toEqual([]);
  });

  it('keeps the target sealed: the header secret is nowhere in Redis', async () => {
    await outboxes[0].add(delivery('msg_2'));
    const redis = cluster
      ? (new Redis.Cluster([redisCluster?.seedUrl as string]) as unknown as Redis)
      : new Redis(TEST_REDIS_URL);
    try {
      const stored = await redis.hgetall(`${prefix}webhooks:{outbox}:data`);
      expect(Object.keys(stored)).toContain('msg_2');
      expect(JSON.stringify(stored)).not.toContain(HEADER_SECRET);
    } finally {
      redis.disconnect();
      await outboxes[0].remove('msg_2');
    }
  });
});

describe('a delivery outlives the instance that failed it', () => {
  let model: OpenAiCompatibleServer;
  let receiver: WebhookReceiver;
  const instances: ChildService[] = [];

  async function startInstance(prefix: string): Promise<string> {
    const port = await freePort();
    const service = spawnService({
      PORT: String(port),
      LOG_LEVEL: 'WARNING',
      HTTP_TOOL_ALLOWED_HOSTS: '127.0.0.1',
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      WEBHOOK_SIGNING_KEYS: SECRET,
    });
    instances.push(service);
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitForHealthy(baseUrl);
    return baseUrl;
  }

  beforeAll(async () => {
    model = await new OpenAiCompatibleServer().start();
    receiver = await new WebhookReceiver().start();
  });
  afterAll(async () => {
    for (const service of instances) service.process.kill('SIGKILL');
    await Promise.all([model.stop(), receiver.stop()]);
  });

  it('is retried by another instance once the first one died', async () => {
    const prefix = `test-${randomUUID().slice(0, 8)}:`;
    const a = await startInstance(prefix);
    receiver.answerWith(500);
    receiver.retryAfter(2);
    const body = examplePayload({ modelBaseUrl: model.baseUrl, modelName: 'text', tools: [] });
    body.runtime_config.webhook = { url: receiver.url };
    expectWellFormedStream(await postRun(`${a}/v1/run_workflow`, body));
    const [failed] = await receiver.received(1);
    // Time for A to write the retry into the outbox, then A is gone for good.
    await sleep(300);
    instances[0].process.kill('SIGKILL');
    await instances[0].exited;
    // A new instance, which never saw the run, finds the delivery in Redis and sends it.
    await startInstance(prefix);
    const [, retried] = await receiver.received(2);
    expect(retried.status).toBe(204);
    expect(retried.headers['webhook-id']).toBe(failed.headers['webhook-id']);
    const event = new Webhook(SECRET).verify(
      retried.body,
      retried.headers as Record<string, string>,
    );
    expect(event).toMatchObject({
      type: 'run.done',
      data: { status: 'done', finish_reason: 'stop' },
    });
  }, 30_000);
});
