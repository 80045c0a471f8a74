import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { FINAL_FRAMES_FLUSH_MS } from '../../src/lifecycle/graceful-shutdown.service.js';
import { spawnService } from '../support/child-service.js';
import { eventually } from '../support/eventually.js';
import { freePort, waitForHealthy } from '../fixtures/net.js';
import { echoPayload } from '../support/payloads.js';
import { postRun } from '../support/sse-client.js';
import { expectWellFormedStream } from '../support/stream-assertions.js';

describe('graceful shutdown on SIGTERM (service as a child process)', () => {
  it('drains: health 503, new runs 503, short runs finish, long runs cut with error + done, exit 0', async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const service = spawnService({
      PORT: String(port),
      LOG_LEVEL: 'ERROR',
      SHUTDOWN_GRACE_SECONDS: '1',
    });
    await waitForHealthy(baseUrl);
    const url = `${baseUrl}/v1/run_workflow`;
    const short = echoPayload('one two three four five', { echo_delay_ms: 100 });
    const long = echoPayload('w '.repeat(40).trim(), { echo_delay_ms: 500 });
    const runs = [...Array(5).fill(short), ...Array(5).fill(long)].map((payload) =>
      postRun(url, payload),
    );
    while (
      ((await (await fetch(`${baseUrl}/health`)).json()) as { active_runs: number }).active_runs <
      10
    ) {
      await sleep(20);
    }

    service.process.kill('SIGTERM');
    // The child handles the signal on its next turn; on a loaded machine that can take a while.
    let health = await fetch(`${baseUrl}/health`);
    await eventually(async () => (health = await fetch(`${baseUrl}/health`)).status === 503);
    expect(await health.json()).toMatchObject({
      status: 'shutting_down',
      active_runs: expect.any(Number),
    });
    const refused = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(short),
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      'shutting_down',
    );

    const streams = await Promise.all(runs);
    for (const stream of streams) expectWellFormedStream(stream);
    const outcomes = streams.map((stream) => {
      const error = stream.events.find((event) => event.event === 'error');
      return `${error?.data.code ?? 'none'}/${stream.events.at(-1)?.data.finish_reason}`;
    });
    expect(outcomes.slice(0, 5)).toEqual(Array(5).fill('none/stop'));
    expect(outcomes.slice(5)).toEqual(Array(5).fill('shutting_down/cancelled'));
    expect(await service.exited).toBe(0);
  }, 30_000);
});

describe('shutdown on time, whatever clients do', () => {
  it('a client that stops reading cannot hold the process past SHUTDOWN_GRACE_SECONDS + 2 s', async () => {
    const port = await freePort();
    const service = spawnService({
      PORT: String(port),
      LOG_LEVEL: 'ERROR',
      SHUTDOWN_GRACE_SECONDS: '1',
    });
    await waitForHealthy(`http://127.0.0.1:${port}`);
    // A fast run far bigger than the socket buffers, asked for by a client that reads nothing.
    const body = JSON.stringify(echoPayload('word '.repeat(200_000).trim()));
    const socket = connect(port, '127.0.0.1');
    socket.pause();
    socket.write(
      `POST /v1/run_workflow HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    await eventually(async () => {
      const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as {
        active_runs: number;
      };
      return health.active_runs === 1;
    });
    const killedAt = Date.now();
    service.process.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    expect(Date.now() - killedAt).toBeLessThan(1000 + FINAL_FRAMES_FLUSH_MS + 500);
    socket.destroy();
  }, 20_000);
});
