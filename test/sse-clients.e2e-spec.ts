import { followRun, type RunEventData } from '../docs/examples/follow-run.eventsource.js';
import { startRun } from '../docs/examples/retry-safe-run.fetch-event-source.js';
import { TcpProxy } from './fixtures/tcp-proxy.js';
import { examplePayload } from './support/agent-payloads.js';
import { type AgentHarness, startAgentHarness } from './support/agent-harness.js';
import { readRawStream, runIdOf } from './support/raw-sse.js';

// @microsoft/fetch-event-source is browser code: it schedules its retries on `window` and
// (un)subscribes to `document` visibility changes; Node has neither, so both stand in here.
const browserGlobals = globalThis as { window?: unknown; document?: unknown };
browserGlobals.window ??= globalThis;
browserGlobals.document ??= {
  hidden: false,
  addEventListener: () => undefined,
  removeEventListener: () => undefined,
};

/** Seqs 1..n once each, in order, the last event `done`. */
function expectWholeRun(events: RunEventData[]): void {
  expect(events.map((event) => event.seq)).toEqual(events.map((_event, index) => index + 1));
  expect(events.at(-1)?.type).toBe('done');
}

/**
 * The copy-paste clients of docs/run-control.md, run as written against the service through
 * a loopback proxy that drops every connection mid-stream, as a flaky network does.
 */
describe('SSE clients of docs/run-control.md through a dropping network', () => {
  let harness: AgentHarness;
  let proxy: TcpProxy;
  let proxied: string;
  beforeAll(async () => {
    harness = await startAgentHarness({ env: { SSE_RETRY_MS: '200' } });
    proxy = new TcpProxy(Number(new URL(harness.service.baseUrl).port));
    proxied = `http://127.0.0.1:${await proxy.start()}`;
  });
  afterAll(async () => {
    await proxy.cut();
    await harness.close();
  });
  beforeEach(() => harness.resetRecordings());

  const pacedPayload = (modelName = 'text?tokens=30&delay_ms=40') => {
    const payload = examplePayload({ modelBaseUrl: harness.model.baseUrl, modelName, tools: [] });
    payload.runtime_config.on_disconnect = 'continue';
    return payload;
  };

  /** Starts a run and leaves at once; it goes on (on_disconnect: continue). */
  async function startedRunId(modelName?: string): Promise<string> {
    let runId = '';
    await readRawStream(harness.runUrl, {
      method: 'POST',
      body: pacedPayload(modelName),
      onText: (text, controller) => {
        runId = runIdOf(text);
        if (runId) controller.abort();
      },
    });
    return runId;
  }

  it('EventSource (eventsource package): survives its own error event, resumes by itself', async () => {
    const runId = await startedRunId();
    const events: RunEventData[] = [];
    const followed = followRun(`${proxied}/v1/runs/${runId}/events`, (event) => {
      events.push(event);
      if (events.length === 5) proxy.dropConnections();
    });
    await followed;
    expectWholeRun(events);
    expect(events.filter((event) => event.type === 'message_chunk')).toHaveLength(30);
  });

  it("EventSource: the run's own error event is parsed, then done ends the source", async () => {
    const runId = await startedRunId('status?code=401');
    const events: RunEventData[] = [];
    await followRun(`${proxied}/v1/runs/${runId}/events`, (event) => events.push(event));
    expectWholeRun(events);
    expect(events.map((event) => event.type)).toEqual(['error', 'done']);
    expect(events[0]).toMatchObject({ code: 'upstream_auth_failed' });
  });

  it('fetch-event-source with an Idempotency-Key: its retries attach, one run is paid', async () => {
    const events: RunEventData[] = [];
    await startRun(`${proxied}/v1/run_workflow`, pacedPayload(), (event) => {
      events.push(event);
      if (events.length === 5 || events.length === 15) proxy.dropConnections();
    });
    expectWholeRun(events);
    expect(events.at(-1)).toMatchObject({ finish_reason: 'stop' });
    expect(harness.model.requests).toHaveLength(1);
  });
});
