import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import {
  type AgentHarness,
  startAgentHarness,
  toolCallsScenario,
} from '../support/agent-harness.js';
import { examplePayload } from '../support/agent-payloads.js';
import { postRun, type ReceivedEvent } from '../support/sse-client.js';

/** Polls GET /health until active_runs is 0 (or gives up after `timeoutMs`). */
async function activeRunsDrainTo0(harness: AgentHarness, timeoutMs = 2000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let active = -1;
  while (Date.now() < deadline) {
    active = (await request(harness.service.baseUrl).get('/health')).body.active_runs as number;
    if (active === 0) return 0;
    await sleep(20);
  }
  return active;
}

describe('client disconnect at each phase of a run', () => {
  let harness: AgentHarness;
  beforeAll(async () => (harness = await startAgentHarness()));
  afterAll(() => harness.close());

  /** Starts a run, disconnects when `leaveOn` sees its event, returns when the client left. */
  async function disconnectDuring(
    payload: unknown,
    leaveOn: (event: ReceivedEvent) => boolean,
    delayMs = 0,
  ) {
    let leftAt = 0;
    await postRun(harness.runUrl, payload, {
      onEvent: (event, controller) => {
        if (!leaveOn(event)) return;
        setTimeout(() => {
          leftAt = Date.now();
          controller.abort();
        }, delayMs);
      },
    });
    expect(leftAt).toBeGreaterThan(0);
    return leftAt;
  }

  it('before the first token: the model connection closes within a second', async () => {
    const payload = examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName: 'text?ttft_ms=60000',
      tools: [],
    });
    const closed = new Promise<number>((resolve) => harness.model.once('client-closed', resolve));
    // No event arrives before the first token: leave on the opening comment instead.
    let leftAt = 0;
    await postRun(harness.runUrl, payload, {
      onComment: (_comment, controller) => {
        leftAt = Date.now();
        controller.abort();
      },
    });
    expect(leftAt).toBeGreaterThan(0);
    expect((await closed) - leftAt).toBeLessThan(1000);
    expect(await activeRunsDrainTo0(harness)).toBe(0);
  });

  it('mid-text: the model connection closes within a second', async () => {
    const payload = examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName: 'stall?text=a b c d&chunks=4',
      tools: [],
    });
    const closed = new Promise<number>((resolve) => harness.model.once('client-closed', resolve));
    const leftAt = await disconnectDuring(payload, (event) => event.event === 'message_chunk');
    expect((await closed) - leftAt).toBeLessThan(1000);
    expect(await activeRunsDrainTo0(harness)).toBe(0);
  });

  it('during a tool call: the plugin connection closes within a second', async () => {
    let closed: Promise<unknown> | undefined;
    harness.plugin.handle('GET', '/slow', (_request, res) => {
      closed = once(res, 'close');
    });
    const payload = examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName: toolCallsScenario([{ name: 'slow', args: {} }]),
      tools: [
        { type: 'HTTP', name: 'slow', execution_config: { url: `${harness.plugin.origin}/slow` } },
      ],
    });
    // A moment for the tool request to reach the plugin, then leave.
    const leftAt = await disconnectDuring(payload, (event) => event.event === 'tool_start', 100);
    expect(closed).toBeDefined();
    await closed;
    expect(Date.now() - leftAt).toBeLessThan(1000);
    expect(await activeRunsDrainTo0(harness)).toBe(0);
  });
});
