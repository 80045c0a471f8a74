import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { spawnService, type ChildService } from '../support/child-service.js';
import { freePort, waitForHealthy } from '../fixtures/net.js';
import { echoPayload } from '../support/payloads.js';
import { TEST_REDIS_URL } from '../support/redis.js';
import { readRawStream } from '../support/raw-sse.js';
import { parseSseText } from '../support/sse-client.js';
import { expectWellFormedStream } from '../support/stream-assertions.js';

const RENEW_SECONDS = 1;
/**
 * Longer than the cancel can take on its slowest path — a first try that is never answered
 * (CLIENT_TIMEOUT_MS), the second, and the store's wait for the owner (2 s) — so the lease
 * has not lapsed when the cancel is answered and it is the `202` the test expects.
 */
const TTL_SECONDS = 10;

/** The pid of the worker that logged starting `runId` (pino lines carry their pid). */
function ownerPid(service: ChildService, runId: string): number | undefined {
  const line = service
    .stdout()
    .split('\n')
    .find((entry) => entry.includes(runId) && entry.includes('"run started"'));
  return line ? (JSON.parse(line) as { pid: number }).pid : undefined;
}

/** How long the test's client waits for an answer before it asks again. */
const CLIENT_TIMEOUT_MS = 5_000;

/**
 * A request as a careful client makes it around a worker's death: a pooled connection to the
 * killed worker fails at once, and one the cluster primary handed to it just as it died is
 * never answered (seen 1 run in 10 here), so each try has a timeout and there is a second.
 */
async function fetchRetried(url: string, init?: RequestInit): Promise<Response> {
  const attempt = () => fetch(url, { ...init, signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS) });
  try {
    return await attempt();
  } catch {
    return attempt();
  }
}

describe('owner leases: a run whose worker dies is ended by another (WORKERS=2, Redis)', () => {
  let service: ChildService;
  const redis = new Redis(TEST_REDIS_URL);
  afterAll(async () => {
    service.process.kill('SIGKILL');
    await service.exited;
    redis.disconnect();
  });

  it('kill -9 of the owner: cancel answers 202, a reader elsewhere gets frames, owner_lost, done; the record is final in time', async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const prefix = `test-lease-${randomUUID().slice(0, 8)}:`;
    service = spawnService({
      WORKERS: '2',
      PORT: String(port),
      LOG_LEVEL: 'INFO',
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      RUN_OWNER_LEASE_RENEW_SECONDS: String(RENEW_SECONDS),
      RUN_OWNER_LEASE_TTL_SECONDS: String(TTL_SECONDS),
    });
    await waitForHealthy(baseUrl);
    // Both workers listening: kill the only one that is, and the port refuses connections.
    while ((service.stdout().match(/Nest application successfully started/g) ?? []).length < 2)
      await sleep(20);
    const started = await fetch(`${baseUrl}/v1/run_workflow`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify(echoPayload('w '.repeat(300).trim(), { echo_delay_ms: 100 })),
    });
    const runId = started.headers.get('x-run-id') as string;
    const reader = started.body!.getReader();
    let firstText = '';
    while (!firstText.includes('event: message_chunk')) {
      const { done, value } = await reader.read();
      if (done) throw new Error(`the run's stream ended before its first chunk: ${firstText}`);
      firstText += new TextDecoder().decode(value);
    }
    let owner: number | undefined;
    while (!(owner = ownerPid(service, runId))) await sleep(20);
    // Killed before its record and lease reach Redis, a run leaves nothing to recover: wait
    // for both (they are written as the run starts, on a loaded machine a little later).
    while (
      !(await redis.exists(`${prefix}run:{${runId}}`)) ||
      (await redis.zscore(`${prefix}run-leases`, runId)) === null
    )
      await sleep(20);

    process.kill(owner, 'SIGKILL');
    const killedAt = Date.now();
    await reader.read().catch(() => undefined); // the client of the dead worker: reset

    // Lands on the surviving worker (or its replacement): nobody confirms within the wait.
    const cancel = await fetchRetried(`${baseUrl}/v1/runs/${runId}/cancel`, { method: 'POST' });
    expect(cancel.status).toBe(202);
    expect(await cancel.json()).toMatchObject({ status: 'running', cancel_requested: true });

    const resumed = await readRawStream(`${baseUrl}/v1/runs/${runId}/events`, {
      headers: { 'last-event-id': '0' },
    });
    const events = parseSseText(resumed.text);
    const headers = new Headers({
      'x-run-id': runId,
      'x-trace-id': started.headers.get('x-trace-id') as string,
    });
    const stream = { status: resumed.status, headers, events, comments: [] };
    expectWellFormedStream(stream);
    expect(events.filter((event) => event.event === 'message_chunk').length).toBeGreaterThan(0);
    const error = events.find((event) => event.event === 'error');
    expect(error?.data).toMatchObject({ code: 'owner_lost', retryable: true });
    expect(events.at(-1)?.data.finish_reason).toBe('error');
    const endedWithin = Date.now() - killedAt;
    expect(endedWithin).toBeLessThan((TTL_SECONDS + RENEW_SECONDS + 1) * 1000);

    const record = await fetchRetried(`${baseUrl}/v1/runs/${runId}`).then((r) => r.json());
    expect(record).toMatchObject({ status: 'done', finish_reason: 'error' });
  }, 60_000);
});
