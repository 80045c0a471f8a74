import { randomUUID } from 'node:crypto';
import { RedisUsedTokens } from '../src/run-control/redis-used-tokens.js';
import { examplePayload } from './support/agent-payloads.js';
import { type AgentHarness, startAgentHarness } from './support/agent-harness.js';
import { TEST_REDIS_URL } from './support/redis.js';
import { LocalRedisCluster } from './support/redis-cluster.js';
import { postRun } from './support/sse-client.js';
import { expectWellFormedStream } from './support/stream-assertions.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const KEY = 'redis-approval-key-0123456789abcdef0123';

/** Two adapters on one Redis, as two workers would hold them. */
function adapters(url: string, cluster: boolean) {
  const config = { redisUrl: url, redisCluster: cluster, redisKeyPrefix: `test-${randomUUID()}:` };
  return [0, 1].map(() => new RedisUsedTokens(config as never));
}

describe.each([
  ['one Redis server', false],
  ['a Redis Cluster', true],
])('approval tokens used once, in %s', (_name, cluster) => {
  let redisCluster: LocalRedisCluster | undefined;
  let workers: RedisUsedTokens[];

  beforeAll(async () => {
    redisCluster = cluster ? await LocalRedisCluster.start() : undefined;
    workers = adapters(redisCluster?.seedUrl ?? TEST_REDIS_URL, cluster);
  }, 60_000);
  afterAll(async () => {
    for (const worker of workers) worker.onModuleDestroy();
    await redisCluster?.stop();
  });

  it('refuses a key another worker used, all or none, until it expires', async () => {
    const [a, b] = workers;
    const soon = Date.now() + 400;
    expect(await a.useOnce(['k1', 'k2'], soon)).toBe(true);
    expect(await b.useOnce(['k2', 'k3'], soon)).toBe(false);
    // Nothing of a refused set was marked: k3 is still free.
    expect(await b.useOnce(['k3'], soon)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await b.useOnce(['k1'], Date.now() + 1000)).toBe(true);
  });
});

describe('a replayed approval on another instance sharing Redis', () => {
  let harness: AgentHarness;
  let other: TestApp;

  beforeAll(async () => {
    const env = {
      APPROVAL_SIGNING_KEYS: KEY,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: `test-${randomUUID().slice(0, 8)}:`,
    };
    harness = await startAgentHarness({ env });
    other = await startTestApp({ env });
  });
  afterAll(async () => {
    await other.close();
    await harness.close();
  });

  it('is refused there: the tool runs once', async () => {
    const body = examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName: 'tool?text=Sunny.',
      pluginOrigin: harness.plugin.origin,
    });
    body.runtime_config.tools[0].requires_approval = true;
    const paused = await postRun(harness.runUrl, body);
    const done = paused.events.at(-1)?.data as Record<string, any>;
    const request = paused.events.find((event) => event.event === 'tool_approval_required')?.data;
    body.input.messages.push(...done.messages);
    body.input.tool_approvals = [
      {
        tool_call_id: request?.tool_call_id,
        approval_token: request?.approval_token,
        decision: 'approve',
      },
    ];
    expectWellFormedStream(await postRun(harness.runUrl, body));
    const replay = await postRun(`${other.baseUrl}/v1/run_workflow`, body);
    expect(replay.status).toBe(400);
    expect((replay.json as { error: { code: string } }).error.code).toBe('invalid_approval');
    expect(harness.plugin.requests).toHaveLength(1);
  });
});
