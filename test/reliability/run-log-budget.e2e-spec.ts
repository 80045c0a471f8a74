import { spawnService, type ChildService } from '../support/child-service.js';
import { freePort, waitForHealthy } from '../fixtures/net.js';
import { ChildInspector } from '../support/inspector.js';
import { echoPayload } from '../support/payloads.js';
import { postRun } from '../support/sse-client.js';
import { expectWellFormedStream } from '../support/stream-assertions.js';
import { takeMachine } from '../support/machine-lock.js';

const ONE_MIB = 1024 * 1024;

/** Echo text whose frames come to about `bytes`: words of 4000 characters, one frame each. */
function wordsOf(bytes: number): string {
  return Array.from({ length: Math.round(bytes / 4150) }, (_, i) =>
    String(i % 10).repeat(4000),
  ).join(' ');
}

/** Runs an echo run to its end; returns its run id and the bytes of its stream. */
async function runToEnd(baseUrl: string, body: string): Promise<{ runId: string; bytes: number }> {
  const response = await fetch(`${baseUrl}/v1/run_workflow`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body,
  });
  let bytes = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) bytes += chunk.length;
  return { runId: response.headers.get('x-run-id') as string, bytes };
}

describe('run log memory budget (RUN_LOG_MAX_BYTES, RUN_LOG_MAX_TOTAL_BYTES)', () => {
  let releaseMachine: () => void;
  beforeAll(async () => (releaseMachine = await takeMachine()), 600_000);
  afterAll(() => releaseMachine());
  let service: ChildService;
  let baseUrl: string;
  afterEach(async () => {
    service.process.kill('SIGKILL');
    await service.exited;
  });

  async function start(env: Record<string, string>): Promise<void> {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    service = spawnService(
      { PORT: String(port), LOG_LEVEL: 'ERROR', ...env },
      { background: true },
    );
    await waitForHealthy(baseUrl);
  }

  it('a run past RUN_LOG_MAX_BYTES ends with error run_log_full, then done', async () => {
    await start({ RUN_LOG_MAX_BYTES: String(64 * 1024) });
    const stream = await postRun(`${baseUrl}/v1/run_workflow`, echoPayload('word '.repeat(3000)));
    expectWellFormedStream(stream);
    const error = stream.events.find((event) => event.event === 'error');
    expect(error?.data).toMatchObject({ code: 'run_log_full', retryable: false });
    expect(error?.data.message).toContain('RUN_LOG_MAX_BYTES');
    expect(stream.events.at(-1)?.data.finish_reason).toBe('error');
    expect(stream.events.filter((event) => event.event === 'message_chunk').length).toBeLessThan(
      3000,
    );
  });

  it('frames dropped for the total budget answer 410 run_log_evicted; the record stays', async () => {
    await start({ RUN_LOG_MAX_BYTES: String(ONE_MIB), RUN_LOG_MAX_TOTAL_BYTES: String(ONE_MIB) });
    const body = JSON.stringify(echoPayload(wordsOf(400 * 1024)));
    const first = await runToEnd(baseUrl, body);
    for (let i = 0; i < 3; i += 1) await runToEnd(baseUrl, body);
    const replay = await fetch(`${baseUrl}/v1/runs/${first.runId}/events`);
    expect(replay.status).toBe(410);
    const { error } = (await replay.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('run_log_evicted');
    expect(error.message).toContain('RUN_LOG_MAX_TOTAL_BYTES');
    const record = await fetch(`${baseUrl}/v1/runs/${first.runId}`);
    expect(record.status).toBe(200);
    expect(await record.json()).toMatchObject({ status: 'done', finish_reason: 'stop' });
  });

  it('2000 sequential 1 MB runs leave the heap after GC under the total budget + its base', async () => {
    const totalBudget = 32 * ONE_MIB;
    await start({
      RUN_LOG_MAX_TOTAL_BYTES: String(totalBudget),
      MAX_CONCURRENT_RUNS: '8',
      NODE_OPTIONS: '--inspect=127.0.0.1:0',
    });
    const inspector = await ChildInspector.connect(service.stderr);
    const body = JSON.stringify(echoPayload(wordsOf(ONE_MIB)));
    await runToEnd(baseUrl, body); // warm: every module loaded, every path compiled
    const base = await inspector.heapAfterGcBytes();
    let next = 0;
    let streamed = 0;
    const lane = async () => {
      while (next++ < 2000) {
        const { bytes } = await runToEnd(baseUrl, body);
        streamed += bytes;
      }
    };
    await Promise.all([lane(), lane(), lane(), lane()]);
    const after = await inspector.heapAfterGcBytes();
    inspector.close();
    expect(streamed).toBeGreaterThan(2000 * ONE_MIB);
    // Records of the finished runs (RUN_LOG_MAX_FINISHED_RUNS, ~1 KB each) come on top.
    expect(after - base).toBeLessThan(totalBudget + 8 * ONE_MIB);
  }, 300_000);
});
