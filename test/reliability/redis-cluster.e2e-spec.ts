import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, waitForHealthy } from '../fixtures/net.js';
import { type ChildService, spawnService } from '../support/child-service.js';
import { echoPayload } from '../support/payloads.js';
import { eventFramesOf, eventsOf, readRawStream, runIdOf } from '../support/raw-sse.js';
import { LocalRedisCluster } from '../support/redis-cluster.js';
import { expectFollowedAndReplayedAcross } from '../support/cross-instance.js';

interface Instance {
  service: ChildService;
  baseUrl: string;
}

describe('run control on a Redis Cluster (three masters, two instances)', () => {
  const prefix = `test-cluster-${randomUUID().slice(0, 8)}:`;
  let cluster: LocalRedisCluster;
  let a: Instance;
  let b: Instance;

  async function startInstance(): Promise<Instance> {
    const port = await freePort();
    const service = spawnService({
      PORT: String(port),
      REDIS_URL: cluster.seedUrl,
      REDIS_CLUSTER: 'true',
      REDIS_KEY_PREFIX: prefix,
      LOG_LEVEL: 'WARNING',
    });
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitForHealthy(baseUrl);
    return { service, baseUrl };
  }

  beforeAll(async () => {
    cluster = await LocalRedisCluster.start();
    [a, b] = await Promise.all([startInstance(), startInstance()]);
    // A's first writes open its connections to the masters; the mirror does not make the
    // live path wait for them, so the tests start once B sees a run of A.
    const warmUp = await readRawStream(`${a.baseUrl}/v1/run_workflow`, {
      method: 'POST',
      body: echoPayload('warm up'),
    });
    const runId = warmUp.headers.get('x-run-id') as string;
    for (let seen = false; !seen; await sleep(50))
      seen = (await fetch(`${b.baseUrl}/v1/runs/${runId}`)).status === 200;
  }, 60_000);
  afterAll(async () => {
    for (const instance of [a, b]) {
      instance?.service.process.kill('SIGKILL');
      await instance?.service.exited;
    }
    await cluster?.stop();
  });

  const slowEcho = (words: number, delayMs: number) =>
    echoPayload(Array.from({ length: words }, (_, i) => `w${i}`).join(' '), {
      echo_delay_ms: delayMs,
    });

  it('a run started on A is followed from seq 4 and replayed through B, byte for byte', () =>
    expectFollowedAndReplayedAcross(a.baseUrl, b.baseUrl, slowEcho(20, 30)));

  it('a cancel sent to B ends the run on A; B answers with the final record', async () => {
    let cancelled: Promise<Response> | undefined;
    const live = await readRawStream(`${a.baseUrl}/v1/run_workflow`, {
      method: 'POST',
      body: slowEcho(200, 100),
      onText: (text) => {
        // After a few chunks: the record is mirrored without the live path waiting for it.
        if (cancelled || eventFramesOf(text).length < 3) return;
        cancelled = fetch(`${b.baseUrl}/v1/runs/${runIdOf(text)}/cancel`, { method: 'POST' });
      },
    });
    const answer = await cancelled!;
    expect(eventsOf(live.text).at(-1)?.data.finish_reason).toBe('cancelled');
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ status: 'done', finish_reason: 'cancelled' });
  });

  it("a run's keys share one slot, and runs spread over the masters", async () => {
    const runIds: string[] = [];
    for (let index = 0; index < 8; index += 1) {
      const run = await readRawStream(`${a.baseUrl}/v1/run_workflow`, {
        method: 'POST',
        body: slowEcho(2, 0),
      });
      runIds.push(run.headers.get('x-run-id') as string);
    }
    for (const runId of runIds) {
      const record = await cluster.cli('CLUSTER', 'KEYSLOT', `${prefix}run:{${runId}}`);
      const frames = await cluster.cli('CLUSTER', 'KEYSLOT', `${prefix}run:{${runId}}:frames`);
      expect(frames).toBe(record);
    }
    const mastersWithRuns = cluster.ports.filter((port) => {
      const keys = execFileSync('redis-cli', [
        '-p',
        String(port),
        '--scan',
        '--pattern',
        `${prefix}run:*`,
      ]);
      return keys.toString().trim().length > 0;
    });
    expect(mastersWithRuns.length).toBeGreaterThan(1);
  });
});
