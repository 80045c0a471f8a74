import { transformHttpEventStream, runHttpRequest, verifyEvents } from '@ag-ui/client';
import type { BaseEvent } from '@ag-ui/core';
import { DefaultChatTransport, readUIMessageStream, type UIMessage } from 'ai';
import { examplePayload } from './support/agent-payloads.js';
import { type AgentHarness, startAgentHarness } from './support/agent-harness.js';
import { postRun } from './support/sse-client.js';
import { expectWellFormedStream } from './support/stream-assertions.js';

describe('step events (issue 20, item 3: runtime_config.stream_steps)', () => {
  let harness: AgentHarness;
  beforeAll(async () => (harness = await startAgentHarness()));
  afterAll(() => harness.close());

  const payload = (steps: boolean, workflowId = 'agent_chat') => {
    const body = examplePayload({
      modelBaseUrl: harness.model.baseUrl,
      modelName: 'tool?text=Sunny+today.',
      pluginOrigin: harness.plugin.origin,
    });
    body.task_meta.workflow_id = workflowId;
    if (steps) body.runtime_config.stream_steps = true;
    return body;
  };

  it('frames each node of the agent loop, in order with its own events', async () => {
    const stream = await postRun(harness.runUrl, payload(true));
    expectWellFormedStream(stream);
    const lines = stream.events
      .filter((event) => event.event !== 'message_chunk')
      .map((event) =>
        event.event?.startsWith('step_')
          ? `${event.event} ${String(event.data.node)} ${String(event.data.node_type)}`
          : event.event,
      );
    expect(lines).toEqual([
      'step_start model llm',
      'step_end model llm',
      'step_start tools tool',
      'tool_start',
      'tool_result',
      'step_end tools tool',
      'step_start model llm',
      'step_end model llm',
      'done',
    ]);
    const kinds = stream.events.map((event) => event.event);
    const chunks = kinds.flatMap((kind, index) => (kind === 'message_chunk' ? [index] : []));
    expect(Math.min(...chunks)).toBeGreaterThan(kinds.lastIndexOf('step_start'));
    expect(Math.max(...chunks)).toBeLessThan(kinds.lastIndexOf('step_end'));
    for (const end of stream.events.filter((event) => event.event === 'step_end')) {
      expect(end.data.status).toBe('success');
      expect(end.data.duration_ms).toBeGreaterThanOrEqual(0);
      expect(Object.keys(end.data).sort()).toEqual(
        [
          'duration_ms',
          'node',
          'node_type',
          'run_id',
          'seq',
          'status',
          'timestamp',
          'trace_id',
          'type',
        ].sort(),
      );
    }
  });

  it('is off unless asked', async () => {
    const stream = await postRun(harness.runUrl, payload(false));
    expect(stream.events.some((event) => event.event?.startsWith('step_'))).toBe(false);
  });

  it("frames the router's classification as a step too", async () => {
    const stream = await postRun(harness.runUrl, payload(true, 'router'));
    expectWellFormedStream(stream);
    expect(stream.events[0]?.data).toMatchObject({
      type: 'step_start',
      node: 'classify',
      node_type: 'llm',
    });
  });

  it('becomes STEP_STARTED / STEP_FINISHED for the AG-UI verifier, start-step parts for useChat', async () => {
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload(true)),
    };
    const events = await new Promise<BaseEvent[]>((resolve, reject) => {
      const received: BaseEvent[] = [];
      verifyEvents()(
        transformHttpEventStream(
          runHttpRequest(() => fetch(`${harness.runUrl}?protocol=ag-ui`, init)),
        ),
      ).subscribe({
        next: (event) => received.push(event),
        error: reject,
        complete: () => resolve(received),
      });
    });
    const steps = events.filter((event) => event.type.startsWith('STEP_')) as any[];
    expect(steps.map((event) => `${event.type} ${event.stepName}`)).toEqual([
      'STEP_STARTED model',
      'STEP_FINISHED model',
      'STEP_STARTED tools',
      'STEP_FINISHED tools',
      'STEP_STARTED model',
      'STEP_FINISHED model',
    ]);

    const transport = new DefaultChatTransport({
      api: `${harness.runUrl}?protocol=ai-sdk`,
      prepareSendMessagesRequest: () => ({ body: payload(true) }),
    });
    const stream = await transport.sendMessages({
      trigger: 'submit-message',
      chatId: 'chat-steps',
      messageId: undefined,
      messages: [],
      abortSignal: undefined,
    });
    let message: UIMessage | undefined;
    for await (const built of readUIMessageStream({ stream })) message = built;
    const parts = (message?.parts ?? []) as any[];
    expect(parts.filter((part) => part.type === 'step-start')).toHaveLength(3);
    expect(parts.find((part) => part.type === 'tool-weather')).toMatchObject({
      state: 'output-available',
    });
    expect(
      parts
        .filter((part) => part.type === 'text')
        .map((part) => part.text)
        .join(''),
    ).toBe('Sunny today.');
  });
});
