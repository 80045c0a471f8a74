import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { echoPayload } from './support/payloads.js';
import { postRun } from './support/sse-client.js';
import { answerText, expectWellFormedStream } from './support/stream-assertions.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import {
  AbortProbeWorkflow,
  abortProbe,
  ExplodingWorkflow,
  INTERNAL_DETAIL,
} from './support/test-workflows.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function activeRuns(service: TestApp): Promise<number> {
  const response = await request(service.baseUrl).get('/health');
  return response.body.active_runs as number;
}

describe('POST /v1/run_workflow streaming the echo workflow', () => {
  let service: TestApp;
  let url: string;
  beforeAll(async () => {
    service = await startTestApp({
      env: { SSE_KEEPALIVE_INTERVAL: '1' },
      providers: [AbortProbeWorkflow, ExplodingWorkflow],
    });
    url = `${service.baseUrl}/v1/run_workflow`;
  });
  afterAll(() => service.close());

  it('streams the words as message_chunk frames, then one done', async () => {
    const payload = echoPayload('hello streaming  world');
    (payload.task_meta as Record<string, string>).trace_id = 'trace-echo-1';
    const stream = await postRun(url, payload);
    expectWellFormedStream(stream);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('cache-control')).toContain('no-cache');
    expect(stream.headers.get('x-accel-buffering')).toBe('no');
    expect(stream.headers.get('x-trace-id')).toBe('trace-echo-1');
    expect(stream.headers.get('x-run-id')).toMatch(UUID);
    expect(stream.comments[0]).toBe(`run ${stream.headers.get('x-run-id')}`);
    expect(stream.events.map((event) => event.event)).toEqual([
      'message_chunk',
      'message_chunk',
      'message_chunk',
      'done',
    ]);
    expect(answerText(stream)).toBe('hello streaming  world');
    expect(stream.events.at(-1)?.data).toMatchObject({
      finish_reason: 'stop',
      usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      duration_ms: expect.any(Number),
    });
  });

  it('generates a trace id when the payload has none', async () => {
    const stream = await postRun(url, echoPayload('one'));
    expectWellFormedStream(stream);
    expect(stream.headers.get('x-trace-id')).toMatch(UUID);
  });

  it('sends : ping comments while a slow run is idle', async () => {
    const stream = await postRun(url, echoPayload('slow words here', { echo_delay_ms: 1200 }));
    expectWellFormedStream(stream);
    expect(stream.comments.filter((comment) => comment === 'ping').length).toBeGreaterThanOrEqual(
      1,
    );
    expect(answerText(stream)).toBe('slow words here');
  });

  it('bounds the echo delay', async () => {
    const started = Date.now();
    const stream = await postRun(url, echoPayload('a b', { echo_delay_ms: -5 }));
    expectWellFormedStream(stream);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('aborts the run when the client disconnects, and the active run count returns to 0', async () => {
    const payload = { ...echoPayload('wait'), task_meta: { workflow_id: 'abort_probe' } };
    let sawChunk = false;
    await postRun(url, payload, {
      onEvent: (event, controller) => {
        if (event.event === 'message_chunk') {
          sawChunk = true;
          expect(abortProbe.aborted).toBe(false);
          controller.abort();
        }
      },
    });
    expect(sawChunk).toBe(true);
    for (
      let attempt = 0;
      attempt < 50 && (!abortProbe.aborted || (await activeRuns(service)) > 0);
      attempt += 1
    ) {
      await sleep(20);
    }
    expect(abortProbe.aborted).toBe(true);
    expect(await activeRuns(service)).toBe(0);
  });

  it('ends a run whose workflow throws with error then done, leaking no internals', async () => {
    const payload = {
      ...echoPayload('my private question'),
      task_meta: { workflow_id: 'explodes' },
    };
    const stream = await postRun(url, payload);
    expectWellFormedStream(stream);
    expect(stream.events.map((event) => event.event)).toEqual(['message_chunk', 'error', 'done']);
    const error = stream.events[1].data;
    expect(error).toMatchObject({
      code: 'internal_error',
      retryable: false,
      message: expect.any(String),
    });
    expect(error.message).not.toContain('ECONNREFUSED');
    expect(error.message).not.toContain('private question');
    expect(JSON.stringify(stream.events)).not.toContain(INTERNAL_DETAIL);
    expect(stream.events[2].data.finish_reason).toBe('error');
  });
});
