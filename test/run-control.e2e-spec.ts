import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import {
  type AgentHarness,
  startAgentHarness,
  toolCallsScenario,
} from './support/agent-harness.js';
import { examplePayload } from './support/agent-payloads.js';
import {
  eventFramesOf,
  eventsOf,
  readRawStream,
  receivedOf,
  runIdOf,
  seqOf,
} from './support/raw-sse.js';
import { eventually } from './support/eventually.js';
import { expectWellFormedStream } from './support/stream-assertions.js';

describe('run control (in-memory store)', () => {
  let harness: AgentHarness;
  let base: string;
  beforeAll(async () => {
    harness = await startAgentHarness({ env: { DISCONNECT_GRACE_SECONDS: '0' } });
    base = harness.service.baseUrl;
  });
  afterAll(() => harness.close());

  const toolRun = () =>
    examplePayload({ modelBaseUrl: harness.model.baseUrl, pluginOrigin: harness.plugin.origin });
  const eventsUrl = (runId: string, after?: number) =>
    `${base}/v1/runs/${runId}/events${after === undefined ? '' : `?after=${after}`}`;

  it('replays a finished run byte for byte, from the start and from the middle', async () => {
    const live = await readRawStream(harness.runUrl, { method: 'POST', body: toolRun() });
    const runId = live.headers.get('x-run-id') as string;
    const liveFrames = eventFramesOf(live.text);
    expectWellFormedStream(receivedOf(live));
    expect(liveFrames.length).toBeGreaterThan(5);

    const replay = await readRawStream(eventsUrl(runId));
    expect(replay.status).toBe(200);
    expect(runIdOf(replay.text)).toBe(runId);
    expect(eventFramesOf(replay.text)).toEqual(liveFrames);

    const tail = await readRawStream(eventsUrl(runId), { headers: { 'last-event-id': '3' } });
    expect(eventFramesOf(tail.text)).toEqual(liveFrames.slice(3));
    const byQuery = await readRawStream(eventsUrl(runId, 5));
    expect(eventFramesOf(byQuery.text)).toEqual(liveFrames.slice(5));
  });

  it('lets a second reader follow a live run: no gap, no duplicate', async () => {
    const payload = examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName: 'text?tokens=20&delay_ms=20',
      tools: [],
    });
    let runId = '';
    let follower: Promise<Awaited<ReturnType<typeof readRawStream>>> | undefined;
    const live = await readRawStream(harness.runUrl, {
      method: 'POST',
      body: payload,
      onText: (text) => {
        // Joins mid-run, after seq 4, while the run is still streaming.
        if (follower || eventFramesOf(text).length < 4) return;
        runId = runIdOf(text);
        follower = readRawStream(eventsUrl(runId), { headers: { 'last-event-id': '4' } });
      },
    });
    const liveFrames = eventFramesOf(live.text);
    const followed = eventFramesOf((await follower!).text);
    expect(followed).toEqual(liveFrames.slice(4));
    expect(followed.map(seqOf)).toEqual(liveFrames.slice(4).map((_, index) => index + 5));
    expect(eventsOf(live.text).at(-1)?.data.finish_reason).toBe('stop');
  });

  it('answers 404 run_not_found for an unknown run and 400 for a bad seq', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const path of [`/v1/runs/${unknown}/events`, `/v1/runs/${unknown}`, '/v1/runs/nope']) {
      const response = await request(base).get(path).expect(404);
      expect(response.body.error.code).toBe('run_not_found');
    }
    await request(base).post(`/v1/runs/${unknown}/cancel`).expect(404);
    const bad = await request(base).get(`/v1/runs/${unknown}/events`).set('Last-Event-ID', 'x');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([
      { path: 'Last-Event-ID', message: 'must be a non-negative integer' },
    ]);
  });

  it('reports status while running and once done', async () => {
    const payload = examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName: 'text?tokens=10&delay_ms=30',
      tools: [],
    });
    let running: request.Response | undefined;
    const live = await readRawStream(harness.runUrl, {
      method: 'POST',
      body: payload,
      onText: (text) => {
        if (running || !text.includes('message_chunk')) return;
        const runId = runIdOf(text);
        void request(base)
          .get(`/v1/runs/${runId}`)
          .then((response) => (running = response));
      },
    });
    const runId = live.headers.get('x-run-id') as string;
    expect(running?.body).toMatchObject({
      run_id: runId,
      workflow_id: 'agent_chat',
      status: 'running',
      finish_reason: null,
      ended_at: null,
    });
    const done = (await request(base).get(`/v1/runs/${runId}`).expect(200)).body;
    expect(done).toMatchObject({ status: 'done', finish_reason: 'stop', trace_id: 'trace-123456' });
    expect(done.usage.completion_tokens).toBeGreaterThan(0);
    expect(Date.parse(done.ended_at)).toBeGreaterThanOrEqual(Date.parse(done.started_at));
  });

  describe('cancel', () => {
    it('during a stalled model stream: the model connection closes within a second', async () => {
      const payload = examplePayload({
        modelBaseUrl: harness.model.baseUrl,
        modelName: 'stall?text=a b c&chunks=3',
        tools: [],
      });
      const closed = once(harness.model, 'client-closed');
      let cancelled: Promise<request.Response> | undefined;
      let cancelledAt = 0;
      const live = await readRawStream(harness.runUrl, {
        method: 'POST',
        body: payload,
        onText: (text) => {
          if (cancelled || !text.includes('message_chunk')) return;
          cancelledAt = Date.now();
          const runId = runIdOf(text);
          // supertest sends on then(): start it now, await it later.
          cancelled = request(base)
            .post(`/v1/runs/${runId}/cancel`)
            .then((response) => response);
        },
      });
      await closed;
      expect(Date.now() - cancelledAt).toBeLessThan(1000);
      expectWellFormedStream(receivedOf(live));
      const events = eventsOf(live.text);
      expect(events.at(-1)?.data).toMatchObject({ type: 'done', finish_reason: 'cancelled' });
      const answer = await cancelled!;
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ status: 'done', finish_reason: 'cancelled' });
      // Idempotent: a finished run answers with its final record.
      const again = await request(base).post(`/v1/runs/${answer.body.run_id}/cancel`).expect(200);
      expect(again.body).toEqual(answer.body);
    });

    it('during a slow tool: the plugin connection closes, the tool gets its result', async () => {
      let pluginClosed: Promise<unknown> | undefined;
      harness.plugin.handle('GET', '/slow-cancel', (_request, res) => {
        pluginClosed = once(res, 'close');
      });
      const payload = examplePayload({
        modelBaseUrl: harness.model.baseUrl,
        modelName: toolCallsScenario([{ name: 'slow', args: {} }]),
        tools: [
          {
            type: 'HTTP',
            name: 'slow',
            execution_config: { url: `${harness.plugin.origin}/slow-cancel` },
          },
        ],
      });
      let cancelledAt = 0;
      const live = await readRawStream(harness.runUrl, {
        method: 'POST',
        body: payload,
        onText: (text) => {
          if (cancelledAt || !text.includes('event: tool_start')) return;
          cancelledAt = Date.now();
          const runId = runIdOf(text);
          // A moment for the tool request to reach the plugin.
          setTimeout(() => void request(base).post(`/v1/runs/${runId}/cancel`).then(), 100);
        },
      });
      await eventually(async () => pluginClosed !== undefined);
      await pluginClosed;
      expect(Date.now() - cancelledAt).toBeLessThan(1100);
      expectWellFormedStream(receivedOf(live));
      const events = eventsOf(live.text);
      expect(events.find((event) => event.event === 'tool_result')?.data.status).toBe('error');
      const done = events.at(-1)?.data as Record<string, any>;
      expect(done.finish_reason).toBe('cancelled');
      // The first model call finished: its usage is counted.
      expect(done.usage.prompt_tokens).toBeGreaterThan(0);
    });
  });

  it('runtime_config.on_disconnect continue: the run finishes after its client left', async () => {
    const payload = examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName: 'text?tokens=10&delay_ms=30',
      tools: [],
    });
    payload.runtime_config.on_disconnect = 'continue';
    let runId = '';
    await readRawStream(harness.runUrl, {
      method: 'POST',
      body: payload,
      onText: (text, controller) => {
        if (!text.includes('message_chunk')) return;
        runId = runIdOf(text);
        controller.abort();
      },
    });
    await eventually(
      async () => (await request(base).get(`/v1/runs/${runId}`)).body.status === 'done',
    );
    const record = (await request(base).get(`/v1/runs/${runId}`)).body;
    expect(record.finish_reason).toBe('stop');
    const replayed = await readRawStream(eventsUrl(runId));
    const replay = eventsOf(replayed.text);
    expect(replay.map((event) => event.data.seq)).toEqual(replay.map((_, index) => index + 1));
    expect(replay.filter((event) => event.event === 'message_chunk')).toHaveLength(10);
  });

  it('rejects an unknown on_disconnect with the field path', async () => {
    const payload = toolRun();
    payload.runtime_config.on_disconnect = 'linger';
    const response = await request(base).post('/v1/run_workflow').send(payload).expect(400);
    expect(response.body.error.details).toEqual([
      {
        path: 'runtime_config.on_disconnect',
        message: 'on_disconnect must be one of: cancel, continue',
      },
    ]);
  });
});

describe('DISCONNECT_GRACE_SECONDS=1', () => {
  let harness: AgentHarness;
  beforeAll(async () => {
    harness = await startAgentHarness({ env: { DISCONNECT_GRACE_SECONDS: '1' } });
  });
  afterAll(() => harness.close());

  const pacedRun = () =>
    examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName: 'text?tokens=30&delay_ms=40',
      tools: [],
    });

  /** Starts a run, leaves after `frames` event frames, returns the run id and what it read. */
  async function leaveAfter(frames: number) {
    let runId = '';
    const first = await readRawStream(harness.runUrl, {
      method: 'POST',
      body: pacedRun(),
      onText: (text, controller) => {
        runId = runIdOf(text) || runId;
        if (eventFramesOf(text).length >= frames) controller.abort();
      },
    });
    return { runId, first, frames: eventFramesOf(first.text) };
  }

  it('a reader that re-attaches within the grace gets the rest of the run', async () => {
    const { runId, frames, first } = await leaveAfter(3);
    await sleep(300);
    const lastSeq = seqOf(frames.at(-1) as string);
    const rest = await readRawStream(`${harness.service.baseUrl}/v1/runs/${runId}/events`, {
      headers: { 'last-event-id': String(lastSeq) },
    });
    const joined = [...frames, ...eventFramesOf(rest.text)].join('\n\n') + '\n\n';
    expectWellFormedStream(receivedOf(first, joined));
    const all = eventsOf(joined);
    expect(all.at(-1)?.data.finish_reason).toBe('stop');
    expect(all.filter((event) => event.event === 'message_chunk')).toHaveLength(30);
  });

  it('a run nobody re-attaches to is cancelled after the grace', async () => {
    const closed = once(harness.model, 'client-closed');
    const { runId } = await leaveAfter(2);
    const leftAt = Date.now();
    const status = async () =>
      (await request(harness.service.baseUrl).get(`/v1/runs/${runId}`)).body;
    await sleep(500);
    expect((await status()).status).toBe('running');
    await closed;
    expect(Date.now() - leftAt).toBeGreaterThanOrEqual(900);
    await eventually(async () => (await status()).status === 'done');
    expect((await status()).finish_reason).toBe('cancelled');
  });
});
